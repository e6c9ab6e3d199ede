package dev.strata.fixes.deps;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EndpointTest {

    @Test
    void readsHostAndPortFromJdbcAndRedisUrls() {
        assertThat(Endpoint.ofUrl("jdbc:postgresql://db.internal:6432/strata?sslmode=require", 5432)).contains(new Endpoint("db.internal", 6432));
        assertThat(Endpoint.ofUrl("jdbc:postgresql://db.internal/strata", 5432)).contains(new Endpoint("db.internal", 5432));
        assertThat(Endpoint.ofUrl("rediss://u:p@cache:6380", 6379)).contains(new Endpoint("cache", 6380));
        assertThat(Endpoint.ofUrl("not a url", 1)).isEmpty();
    }

    @Test
    void repointingKeepsCredentialsPathAndParameters() {
        Endpoint old = new Endpoint("127.0.0.1", 1111);
        Endpoint actual = new Endpoint("127.0.0.1", 2222);
        assertThat(actual.replaceIn("redis://:tok@127.0.0.1:1111", old)).isEqualTo("redis://:tok@127.0.0.1:2222");
        assertThat(actual.replaceIn("jdbc:postgresql://127.0.0.1:1111/db?ssl=true", old)).isEqualTo("jdbc:postgresql://127.0.0.1:2222/db?ssl=true");
    }
}
