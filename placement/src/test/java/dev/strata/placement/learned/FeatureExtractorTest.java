package dev.strata.placement.learned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class FeatureExtractorTest {
  private final FeatureExtractor extractor = new FeatureExtractor(10_000);

  private ItemHistory accessedAt(long... times) {
    ItemHistory item = new ItemHistory(7);
    for (long time : times) {
      item.recordAccess(time, 100, 3);
      extractor.refreshStatic(item, 0.25f);
    }
    return item;
  }

  @Test
  void sameHistoryGivesTheSameVector() {
    float[] first = new float[FeatureExtractor.FEATURES];
    float[] second = new float[FeatureExtractor.FEATURES];
    extractor.extract(accessedAt(0, 10, 30), 50, first);
    extractor.extract(accessedAt(0, 10, 30), 50, second);
    assertThat(first).containsExactly(second);
  }

  @Test
  void everyFeatureLiesInTheUnitInterval() {
    float[] features = new float[FeatureExtractor.FEATURES];
    extractor.extract(accessedAt(0, 1, 2, 5_000, 9_000_000), 90_000_000, features);
    for (float feature : features) {
      assertThat(feature).isBetween(0f, 1f);
    }
  }

  @Test
  void recencyAndGapsAreLogScaledByTheHorizon() {
    float[] features = new float[FeatureExtractor.FEATURES];
    extractor.extract(accessedAt(0, 99), 199, features);
    double scale = Math.log1p(10_000);
    assertThat(features[FeatureExtractor.RECENCY]).isCloseTo((float) (Math.log1p(100) / scale), offset(1e-6f));
    assertThat(features[1]).isCloseTo((float) (Math.log1p(99) / scale), offset(1e-6f));
    // Unknown older gaps read as "beyond the horizon".
    assertThat(features[2]).isEqualTo(1f);
    assertThat(features[11]).isEqualTo(0.25f);
  }

  @Test
  void labelsSaturateAtTheHorizon() {
    assertThat(extractor.label(10_000)).isEqualTo(1f);
    assertThat(extractor.label(5)).isLessThan(extractor.label(500));
    assertThat(extractor.gapOf(extractor.label(500))).isCloseTo(500, offset(0.5));
  }
}
