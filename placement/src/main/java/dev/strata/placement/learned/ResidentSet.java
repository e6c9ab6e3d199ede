package dev.strata.placement.learned;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The learned policy's item histories: resident items (in a dense array, so victims can be sampled
 * uniformly in O(1)) and a bounded FIFO of recently evicted "ghost" items whose history survives so a
 * returning item keeps its features. Bounded: residents by the cache budget, ghosts by {@code maxGhosts}.
 */
final class ResidentSet {
  private final Map<Long, ItemHistory> residents = new HashMap<>();
  private final LinkedHashMap<Long, ItemHistory> ghosts = new LinkedHashMap<>();
  private final int maxGhosts;
  private ItemHistory[] dense = new ItemHistory[64];
  private int count;

  ResidentSet(int maxGhosts) {
    this.maxGhosts = maxGhosts;
  }

  /** The history of {@code key}, resident or ghost, or a fresh one (not yet resident). */
  ItemHistory historyOf(long key) {
    ItemHistory item = residents.get(key);
    if (item == null) {
      item = ghosts.get(key);
    }
    return item == null ? new ItemHistory(key) : item;
  }

  ItemHistory resident(long key) {
    return residents.get(key);
  }

  void admit(ItemHistory item) {
    ghosts.remove(item.key);
    residents.put(item.key, item);
    if (count == dense.length) {
      dense = java.util.Arrays.copyOf(dense, count * 2);
    }
    item.residentSlot = count;
    dense[count++] = item;
  }

  /** Moves a resident item to the ghosts; {@code isRemembered} false forgets it entirely. */
  void evict(long key, boolean isRemembered) {
    ItemHistory item = residents.remove(key);
    if (item == null) {
      return;
    }
    int slot = item.residentSlot;
    ItemHistory last = dense[--count];
    dense[slot] = last;
    last.residentSlot = slot;
    dense[count] = null;
    item.residentSlot = -1;
    item.evictionCount++;
    if (isRemembered) {
      remember(item);
    }
  }

  /** Keeps the history of a non-resident item (e.g. a rejected newcomer) among the ghosts. */
  void remember(ItemHistory item) {
    if (!item.isResident()) {
      ghosts.putLast(item.key, item);
      if (ghosts.size() > maxGhosts) {
        ghosts.pollFirstEntry();
      }
    }
  }

  ItemHistory randomResident(SplittableRandom random) {
    return count == 0 ? null : dense[random.nextInt(count)];
  }

  /** Most recently evicted ghosts first. */
  Iterable<ItemHistory> recentGhosts() {
    return ghosts.sequencedValues().reversed();
  }

  int size() {
    return count;
  }

  int ghostCount() {
    return ghosts.size();
  }

  void checkConsistent() {
    if (residents.size() != count) {
      throw new IllegalStateException(residents.size() + " residents but " + count + " in the array");
    }
    for (int i = 0; i < count; i++) {
      if (dense[i].residentSlot != i || residents.get(dense[i].key) != dense[i]) {
        throw new IllegalStateException("resident array slot " + i + " is inconsistent");
      }
    }
    if (ghosts.size() > maxGhosts) {
      throw new IllegalStateException(ghosts.size() + " ghosts > " + maxGhosts);
    }
  }
}
