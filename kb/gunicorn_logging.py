"""gunicorn's access log without the client address on the complaint pages
(`--logger-class kb.gunicorn_logging.Logger`, Dockerfile and docker-compose.yml).

The complaint form promises that no IP address is kept with a complaint (complaints.demo's
PDPA notice); an access-log line "address, time, POST /complaint/" would keep exactly that.
Every other line keeps the address, as the site's privacy page says."""

from gunicorn.glogging import Logger as GunicornLogger

PRIVATE_PREFIXES = ("/complaint/",)


class Logger(GunicornLogger):
    def access(self, resp, req, environ, request_time):
        if environ.get("PATH_INFO", "").startswith(PRIVATE_PREFIXES):
            environ = {**environ, "REMOTE_ADDR": "-", "HTTP_X_FORWARDED_FOR": "-"}
        super().access(resp, req, environ, request_time)
