package dev.strata.service.admin.bench;

import java.util.random.RandomGenerator;

/** The request mix: a percentage of reads and listings, the rest writes. */
record Workload(int readPercent, int listPercent) {

    enum Op { READ, WRITE, LIST }

    Op next(RandomGenerator random) {
        int roll = random.nextInt(100);
        if (roll < readPercent) {
            return Op.READ;
        }
        return roll < readPercent + listPercent ? Op.LIST : Op.WRITE;
    }
}
