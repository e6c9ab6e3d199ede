package dev.strata.service.memory.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.service.support.EmbeddedStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The change feed's gap handling, on a private copy of the feed table (its own schema, so the
 * servers of this test run keep following the real one): a sequence number that commits late is
 * still delivered; one that never commits stops holding the feed back after the patience.
 */
class ChangeFeedTest {

    private JdbcTemplate jdbc;

    @BeforeEach
    void privateFeedTable() {
        String url = EmbeddedStores.postgresUrl();
        JdbcTemplate admin = new JdbcTemplate(new DriverManagerDataSource(url, "postgres", "postgres"));
        admin.execute("DROP SCHEMA IF EXISTS feed_test CASCADE");
        admin.execute("CREATE SCHEMA feed_test");
        admin.execute("CREATE TABLE feed_test.memory_changes (seq BIGINT PRIMARY KEY, memory_id TEXT NOT NULL, at TIMESTAMPTZ NOT NULL DEFAULT now())");
        jdbc = new JdbcTemplate(new DriverManagerDataSource(url + (url.contains("?") ? "&" : "?") + "currentSchema=feed_test", "postgres", "postgres"));
    }

    private void change(long seq, String id) {
        jdbc.update("INSERT INTO memory_changes (seq, memory_id) VALUES (?, ?)", seq, id);
    }

    @Test
    void aLateCommitBelowTheWatermarkIsStillDelivered() {
        ChangeFeed feed = new ChangeFeed(jdbc, 0);
        change(1, "a");
        change(3, "c");
        assertThat(feed.poll(1_000)).containsExactly("a", "c");
        assertThat(feed.watermark()).as("held below the gap at 2").isEqualTo(1);
        change(2, "b");
        assertThat(feed.poll(1_100)).containsExactly("b");
        assertThat(feed.watermark()).isEqualTo(3);
        assertThat(feed.poll(1_200)).isEmpty();
    }

    @Test
    void aGapThatNeverFillsIsSkippedAfterThePatience() {
        ChangeFeed feed = new ChangeFeed(jdbc, 0);
        change(1, "a");
        change(4, "d");
        assertThat(feed.poll(1_000)).containsExactly("a", "d");
        assertThat(feed.poll(1_000 + ChangeFeed.GAP_PATIENCE_MS - 1)).isEmpty();
        assertThat(feed.watermark()).isEqualTo(1);
        assertThat(feed.poll(1_000 + ChangeFeed.GAP_PATIENCE_MS)).isEmpty();
        assertThat(feed.watermark()).isEqualTo(4);
        change(5, "e");
        assertThat(feed.poll(20_000)).containsExactly("e");
    }

    @Test
    void aFollowerStartsBeforeRecentChangesSoOpenTransactionsAreReplayed() {
        change(7, "old");
        jdbc.update("UPDATE memory_changes SET at = now() - interval '1 hour'");
        change(8, "recent");
        assertThat(ChangeFeed.startFor(jdbc)).isEqualTo(7);
    }
}
