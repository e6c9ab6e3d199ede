package dev.strata.infra.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The human-readable side of the plan: resources by type and an estimated monthly cost. */
public final class PlanSummary {
    private final List<String> costLines = new ArrayList<>();
    private double monthlyUsd;

    private PlanSummary() {
    }

    public static String render(String stackName, RecordedStack stack) {
        var summary = new PlanSummary();
        summary.estimate(stack);
        var text = new StringBuilder("Plan for stack '" + stackName + "': " + stack.cloudResources().size()
                + " AWS resources\n\nResources by type:\n");
        Map<String, Integer> counts = new TreeMap<>();
        stack.cloudResources().forEach(resource -> counts.merge(resource.type(), 1, Integer::sum));
        counts.forEach((type, count) -> text.append("  %4d  %s%n".formatted(count, type)));
        text.append("\nEstimated monthly cost (USD, on-demand list prices, see PriceTable):\n");
        summary.costLines.forEach(line -> text.append("  ").append(line).append('\n'));
        text.append("  %-60s %9.2f%n".formatted("TOTAL (fleet at its minimum size)", summary.monthlyUsd));
        return text.toString();
    }

    /** The estimate alone, for tests comparing stacks. */
    public static double monthlyUsd(RecordedStack stack) {
        var summary = new PlanSummary();
        summary.estimate(stack);
        return summary.monthlyUsd;
    }

    private void estimate(RecordedStack stack) {
        var template = stack.single("aws:ec2/launchTemplate:LaunchTemplate");
        var group = stack.single("aws:autoscaling/group:Group");
        long fleet = group.number("minSize");
        String appType = template.text("instanceType");
        hourly("app hosts: " + fleet + " x " + appType, PriceTable.ec2Hour(appType), fleet);
        long appDiskGb = fleet * template.number("blockDeviceMappings", 0, "ebs", "volumeSize");
        add("app root volumes: " + appDiskGb + " GB gp3", appDiskGb * PriceTable.EBS_GP3_GB_MONTH);
        for (var host : stack.ofType("aws:ec2/instance:Instance")) {
            hourly("monitoring host: " + host.text("instanceType"), PriceTable.ec2Hour(host.text("instanceType")), 1);
            long gb = host.number("rootBlockDevice", "volumeSize");
            add("monitoring volume: " + gb + " GB gp3", gb * PriceTable.EBS_GP3_GB_MONTH);
        }
        for (var db : stack.ofType("aws:rds/instance:Instance")) {
            long copies = db.isTrue("multiAz") ? 2 : 1;
            hourly("RDS " + db.text("instanceClass") + (copies == 2 ? " Multi-AZ" : ""),
                    PriceTable.rdsHour(db.text("instanceClass")), copies);
            long gb = db.number("allocatedStorage");
            add("RDS storage: " + gb + " GB gp3 x " + copies, gb * copies * PriceTable.RDS_GP3_GB_MONTH);
        }
        for (var redis : stack.ofType("aws:elasticache/replicationGroup:ReplicationGroup")) {
            long nodes = redis.number("numCacheClusters");
            hourly("ElastiCache " + nodes + " x " + redis.text("nodeType"), PriceTable.cacheHour(redis.text("nodeType")),
                    nodes);
        }
        int nats = stack.ofType("aws:ec2/natGateway:NatGateway").size();
        hourly("NAT gateways: " + nats, Optional.of(PriceTable.NAT_GATEWAY_HOUR), nats);
        int addresses = stack.ofType("aws:ec2/eip:Eip").size();
        hourly("public IPv4 addresses (NAT): " + addresses, Optional.of(PriceTable.PUBLIC_IPV4_HOUR), addresses);
        int balancers = stack.ofType("aws:lb/loadBalancer:LoadBalancer").size();
        hourly("application load balancer (without LCUs)", Optional.of(PriceTable.ALB_HOUR), balancers);
        int secrets = stack.ofType("aws:secretsmanager/secret:Secret").size() + 1;
        add("Secrets Manager: " + secrets + " secrets (incl. the RDS-managed one)", secrets * PriceTable.SECRET_MONTH);
    }

    private void hourly(String label, Optional<Double> pricePerHour, long count) {
        if (pricePerHour.isEmpty()) {
            costLines.add("%-60s %9s".formatted(label, "no price"));
            return;
        }
        add(label, pricePerHour.get() * PriceTable.HOURS_PER_MONTH * count);
    }

    private void add(String label, double usd) {
        costLines.add("%-60s %9.2f".formatted(label, usd));
        monthlyUsd += usd;
    }
}
