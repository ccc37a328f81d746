# The site under gunicorn with kb.settings.production (see docs/production.md).
#   docker build -t kb .
#   docker run -e SECRET_KEY=… -e DATABASE_URL=postgres://… -e ELASTICSEARCH_URL=https://… -p 8000:8000 kb
FROM python:3.13-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHAINLP_OFFLINE=1 \
    PYTHAINLP_DATA=/app/var/pythainlp-data \
    DJANGO_SETTINGS_MODULE=kb.settings.production \
    KB_VAR_DIR=/app/var \
    MEDIA_ROOT=/app/var/media

WORKDIR /app
# OCR of scanned files (Thai + English) and PDF page rendering; a Thai font for the demo PDFs
RUN apt-get update \
    && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-tha poppler-utils fonts-thai-tlwg \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin kb

COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt

# Only what the site needs (no .venv, var/, tests or benchmarks from the build context).
COPY manage.py ./
COPY kb ./kb
COPY home ./home
COPY search ./search
COPY templates ./templates
COPY static ./static
COPY fixtures ./fixtures

# Static files are collected into the image (whitenoise serves them, hashed and compressed).
RUN SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput --verbosity 0 \
    && mkdir -p /app/var/media /app/var/pythainlp-data \
    && chown -R kb /app/var

USER kb
EXPOSE 8000
CMD ["gunicorn", "kb.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "60", \
     "--access-logfile", "-", "--logger-class", "kb.gunicorn_logging.Logger"]
