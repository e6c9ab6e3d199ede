package dev.strata.service.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Request → operation label: a small fixed set, never derived from the raw path. */
class RequestMetricsFilterTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "GET,    /v1/kv/ns/key,             kv_get",
            "HEAD,   /v1/kv/ns/key,             kv_head",
            "PUT,    /v1/kv/ns/key,             kv_put",
            "DELETE, /v1/kv/ns/key,             kv_delete",
            "POST,   /v1/kv/ns/key,             other",
            "PATCH,  /v1/kv/ns/key,             other",
            "GET,    /v1/kv/ns,                 kv_list",
            "POST,   /v1/kv/ns:batch,           kv_batch",
            "GET,    /v1/kv/ns/key/extra,       kv_get",
            "GET,    /v1/admin/tenants,         admin",
            "DELETE, /v1/admin/tenants/t/keys/k, admin",
            "GET,    /v1/admin,                 admin",
            "GET,    /v1/openapi.json,          other",
            "GET,    /v1/anything-else,         other",
            "GET,    /v1/kv,                    other",
    })
    void mapsRequestsToOperations(String method, String uri, String operation) {
        assertThat(RequestMetricsFilter.operation(method, uri)).isEqualTo(operation);
    }
}
