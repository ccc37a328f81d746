"""Connection settings for an existing cluster (no cluster needed)."""

import pytest

from search.backends import SearchUnavailable, get_index
from search.backends.elastic import ElasticIndex, client_options


def test_basic_auth_tls_and_timeout(settings):
    settings.ELASTICSEARCH_URL = "https://es1.example:9200, https://es2.example:9200"
    settings.ELASTICSEARCH_USERNAME, settings.ELASTICSEARCH_PASSWORD = "kb", "secret"
    settings.ELASTICSEARCH_API_KEY = ""
    settings.ELASTICSEARCH_CA_CERTS = "/etc/kb/ca.pem"
    settings.ELASTICSEARCH_VERIFY_CERTS = True
    settings.ELASTICSEARCH_TIMEOUT = 2.5
    options = client_options()
    assert options["hosts"] == ["https://es1.example:9200", "https://es2.example:9200"]
    assert options["basic_auth"] == ("kb", "secret") and "api_key" not in options
    assert options["ca_certs"] == "/etc/kb/ca.pem" and "verify_certs" not in options
    assert options["request_timeout"] == 2.5 and options["retry_on_timeout"] is False


def test_api_key_wins_and_verification_can_be_turned_off(settings):
    settings.ELASTICSEARCH_URL = "https://es.example:9200"
    settings.ELASTICSEARCH_USERNAME = "kb"
    settings.ELASTICSEARCH_API_KEY = "aWQ6a2V5"
    settings.ELASTICSEARCH_CA_CERTS = ""
    settings.ELASTICSEARCH_VERIFY_CERTS = False
    options = client_options()
    assert options["api_key"] == "aWQ6a2V5" and "basic_auth" not in options
    assert options["verify_certs"] is False and "ca_certs" not in options


def test_prefix_names_the_alias_and_credentials_stay_out_of_status(settings):
    settings.ELASTICSEARCH_URL = "http://user:pw@127.0.0.1:9"
    settings.ELASTICSEARCH_INDEX_PREFIX = "KB-Prod"
    index = get_index()
    assert isinstance(index, ElasticIndex) and index.alias == "kb-prod-records"
    assert index._hosts() == "http://127.0.0.1:9"


@pytest.mark.django_db
def test_invalid_settings_degrade_like_an_outage(client, settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9200"
    settings.ELASTICSEARCH_VERIFY_CERTS = True
    settings.ELASTICSEARCH_CA_CERTS = "/nonexistent-ca.pem"  # TLS options on an http:// URL
    with pytest.raises(SearchUnavailable):
        get_index()
    response = client.get("/api/search/", {"q": "ครม."})
    assert response.status_code == 503 and response["Retry-After"]
