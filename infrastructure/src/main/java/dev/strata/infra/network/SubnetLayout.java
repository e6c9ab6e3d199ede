package dev.strata.infra.network;

/**
 * Carves /20 subnets out of the /16: public subnets from 10.x.0.0, private ones from 10.x.128.0, one per
 * zone. A /20 leaves 4091 usable addresses per private subnet, ample for the fleet plus RDS/ElastiCache ENIs.
 */
final class SubnetLayout {
    private static final int BLOCK = 16;
    private static final int PRIVATE_BASE = 128;

    private SubnetLayout() {
    }

    static String publicCidr(int secondOctet, int zone) {
        return "10.%d.%d.0/20".formatted(secondOctet, zone * BLOCK);
    }

    static String privateCidr(int secondOctet, int zone) {
        return "10.%d.%d.0/20".formatted(secondOctet, PRIVATE_BASE + zone * BLOCK);
    }
}
