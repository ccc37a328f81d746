"""JSON for every answer under /api/: clients of the API parse the body whatever the status.

Django's (and Wagtail's) 404, 405 and 500 answers are HTML; under /api/ they are turned
into the API's error body ({"error", "message"}), keeping the status and the headers
(Allow, Retry-After, the security headers). An exception in an API view takes Django's
usual path first (logged by `django.request` with its traceback, error reporting, the
500 answer), and only that answer's body becomes JSON. Answers that already are JSON
(the search API, Wagtail's API) pass unchanged.
"""

from .views import api_error

API_PREFIX = "/api/"
SKIPPED_HEADERS = {"content-type", "content-length"}  # describe the HTML body being replaced
MESSAGES = {
    400: ("bad_request", "คำขอไม่ถูกต้อง (bad request)"),
    403: ("forbidden", "ไม่มีสิทธิ์เข้าถึง (forbidden)"),
    404: ("not_found", "ไม่พบ API ที่ขอ (not found)"),
    405: ("method_not_allowed", "ไม่รองรับเมธอดนี้ (method not allowed)"),
    500: ("server_error", "ระบบขัดข้อง โปรดลองใหม่ภายหลัง (internal server error)"),
}


def _is_json(response):
    content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    return content_type == "application/json" or content_type.endswith("+json")


class ApiJsonErrorsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(API_PREFIX) and response.status_code >= 400 and not _is_json(response):
            return self.as_json(response)
        return response

    @staticmethod
    def as_json(response):
        status = response.status_code
        error, message = MESSAGES.get(status) or (
            MESSAGES[500] if status >= 500 else ("client_error", f"คำขอไม่สำเร็จ ({response.reason_phrase.lower()})")
        )
        converted = api_error(status, error, message)
        for name, value in response.headers.items():  # Allow, Retry-After, security headers…
            if name.lower() not in SKIPPED_HEADERS:
                converted[name] = value
        converted.cookies = response.cookies
        # Django logs an error answer once (with the traceback); not again for the copy.
        converted._has_been_logged = getattr(response, "_has_been_logged", False)
        return converted
