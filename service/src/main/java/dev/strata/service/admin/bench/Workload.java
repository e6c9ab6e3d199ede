package dev.strata.service.admin.bench;

import java.util.random.RandomGenerator;

/** The request mix: percentages of reads, listings, semantic searches and memory writes; the rest are key/value writes. */
record Workload(int readPercent, int listPercent, int searchPercent, int memoryWritePercent) {

    enum Op {
        READ("read"), WRITE("write"), LIST("list"), SEARCH("search"), MEMORY_WRITE("mem-write");

        private final String label;

        Op(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    int writePercent() {
        return 100 - readPercent - listPercent - searchPercent - memoryWritePercent;
    }

    boolean usesMemories() {
        return searchPercent > 0 || memoryWritePercent > 0;
    }

    Op next(RandomGenerator random) {
        int roll = random.nextInt(100);
        if ((roll -= readPercent) < 0) {
            return Op.READ;
        }
        if ((roll -= listPercent) < 0) {
            return Op.LIST;
        }
        if ((roll -= searchPercent) < 0) {
            return Op.SEARCH;
        }
        if ((roll -= memoryWritePercent) < 0) {
            return Op.MEMORY_WRITE;
        }
        return Op.WRITE;
    }
}
