package dev.strata.placement.live;

/**
 * Maps a key to its group for the learned policy's "neighbourhood popularity" feature. The default
 * groups string keys by their prefix up to the last ':' (e.g. {@code tenant:namespace:}).
 */
@FunctionalInterface
public interface KeyGroups<K> {

  int of(K key);

  static <K> KeyGroups<K> byPrefix() {
    return key -> {
      if (key instanceof CharSequence text) {
        int end = text.toString().lastIndexOf(':');
        return end <= 0 ? 0 : text.subSequence(0, end).toString().hashCode();
      }
      return 0;
    };
  }
}
