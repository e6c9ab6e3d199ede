package dev.strata.infra.settings;

import java.util.regex.Pattern;

/**
 * @param azCount   availability zones spanned by every subnet tier (2 or 3)
 * @param vpcCidr   a private /16; subnets are carved out of it as /20s
 * @param natPerAz  one NAT gateway per zone (production) or a single shared one (cheaper stacks)
 */
public record NetworkSettings(int azCount, String vpcCidr, boolean natPerAz) {
    private static final Pattern PRIVATE_SLASH_16 =
            Pattern.compile("10\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.0\\.0/16");

    static NetworkSettings read(ConfigValues config, Environment environment) {
        int azCount = config.integer("azCount", environment.isProduction() ? 3 : 2, 2, 3);
        String vpcCidr = config.text("vpcCidr", "10.40.0.0/16", PRIVATE_SLASH_16,
                "must be a 10.x.0.0/16 block (subnets are /20s carved from it)");
        boolean natPerAz = config.bool("natPerAz", environment.isProduction());
        if (environment.isProduction() && !natPerAz) {
            throw new InvalidStackConfigException(config.fullKey("natPerAz"), "false",
                    "is not allowed in prod: one NAT gateway would make a single zone's outage take down egress");
        }
        return new NetworkSettings(azCount, vpcCidr, natPerAz);
    }

    /** The second octet of the VPC block, from which subnet blocks are derived. */
    public int secondOctet() {
        return Integer.parseInt(vpcCidr.split("\\.")[1]);
    }
}
