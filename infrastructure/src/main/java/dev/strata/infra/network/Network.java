package dev.strata.infra.network;

import com.pulumi.aws.ec2.DefaultSecurityGroup;
import com.pulumi.aws.ec2.DefaultSecurityGroupArgs;
import com.pulumi.aws.ec2.Eip;
import com.pulumi.aws.ec2.EipArgs;
import com.pulumi.aws.ec2.FlowLog;
import com.pulumi.aws.ec2.FlowLogArgs;
import com.pulumi.aws.ec2.InternetGateway;
import com.pulumi.aws.ec2.InternetGatewayArgs;
import com.pulumi.aws.ec2.NatGateway;
import com.pulumi.aws.ec2.NatGatewayArgs;
import com.pulumi.aws.ec2.Route;
import com.pulumi.aws.ec2.RouteArgs;
import com.pulumi.aws.ec2.RouteTable;
import com.pulumi.aws.ec2.RouteTableArgs;
import com.pulumi.aws.ec2.RouteTableAssociation;
import com.pulumi.aws.ec2.RouteTableAssociationArgs;
import com.pulumi.aws.ec2.Subnet;
import com.pulumi.aws.ec2.SubnetArgs;
import com.pulumi.aws.ec2.Vpc;
import com.pulumi.aws.ec2.VpcArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.strata.infra.aws.ChildOptions.childOf;

/**
 * The VPC: public subnets (ALB, NAT) and private subnets (everything else) in each zone, NAT egress,
 * flow logs of all traffic to the log archive, and a default security group stripped of every rule.
 */
public final class Network extends ComponentResource {
    public static final String TYPE = "strata:infra:Network";
    private static final String ANYWHERE = "0.0.0.0/0";

    public final Output<String> vpcId;
    public final Output<List<String>> publicSubnetIds;
    public final Output<List<String>> privateSubnetIds;

    public Network(String name, NetworkArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var settings = args.settings();
        var vpc = new Vpc(name + "-vpc", VpcArgs.builder()
                .cidrBlock(settings.vpcCidr())
                .enableDnsSupport(true)
                .enableDnsHostnames(true)
                .tags(Map.of("Name", args.namePrefix()))
                .build(), childOf(this));
        // CIS 5.4: the default group must allow nothing, so a resource launched without a group is isolated.
        new DefaultSecurityGroup(name + "-default-sg", DefaultSecurityGroupArgs.builder()
                .vpcId(vpc.id())
                .tags(Map.of("Name", args.namePrefix() + "-default-locked"))
                .build(), childOf(this));
        new FlowLog(name + "-flow-log", FlowLogArgs.builder()
                .vpcId(vpc.id())
                .trafficType("ALL")
                .logDestinationType("s3")
                .logDestination(args.flowLogBucketArn().applyValue(arn -> arn + "/vpc-flow-logs/"))
                .maxAggregationInterval(60)
                .build(), childOf(this));
        var gateway = new InternetGateway(name + "-igw", InternetGatewayArgs.builder()
                .vpcId(vpc.id())
                .tags(Map.of("Name", args.namePrefix()))
                .build(), childOf(this));

        var publicRoutes = new RouteTable(name + "-public-rt", RouteTableArgs.builder()
                .vpcId(vpc.id()).tags(Map.of("Name", args.namePrefix() + "-public")).build(), childOf(this));
        new Route(name + "-public-default", RouteArgs.builder()
                .routeTableId(publicRoutes.id()).destinationCidrBlock(ANYWHERE).gatewayId(gateway.id())
                .build(), childOf(this));

        List<Subnet> publicSubnets = new ArrayList<>();
        List<Subnet> privateSubnets = new ArrayList<>();
        List<NatGateway> natGateways = new ArrayList<>();
        int natCount = settings.natPerAz() ? settings.azCount() : 1;
        for (int zone = 0; zone < settings.azCount(); zone++) {
            int index = zone;
            Output<String> zoneName = args.zoneNames().applyValue(names -> names.get(index));
            var publicSubnet = subnet(name + "-public-" + zone, vpc, zoneName,
                    SubnetLayout.publicCidr(settings.secondOctet(), zone), args.namePrefix() + "-public-" + zone);
            new RouteTableAssociation(name + "-public-rta-" + zone, RouteTableAssociationArgs.builder()
                    .subnetId(publicSubnet.id()).routeTableId(publicRoutes.id()).build(), childOf(this));
            publicSubnets.add(publicSubnet);
            privateSubnets.add(subnet(name + "-private-" + zone, vpc, zoneName,
                    SubnetLayout.privateCidr(settings.secondOctet(), zone), args.namePrefix() + "-private-" + zone));
            if (zone < natCount) {
                natGateways.add(natGateway(name + "-nat-" + zone, publicSubnet, gateway, args.namePrefix()));
            }
        }
        for (int zone = 0; zone < settings.azCount(); zone++) {
            // Each private subnet leaves through the NAT in its own zone when there is one per zone.
            var nat = natGateways.get(settings.natPerAz() ? zone : 0);
            var privateRoutes = new RouteTable(name + "-private-rt-" + zone, RouteTableArgs.builder()
                    .vpcId(vpc.id()).tags(Map.of("Name", args.namePrefix() + "-private-" + zone)).build(),
                    childOf(this));
            new Route(name + "-private-default-" + zone, RouteArgs.builder()
                    .routeTableId(privateRoutes.id()).destinationCidrBlock(ANYWHERE).natGatewayId(nat.id())
                    .build(), childOf(this));
            new RouteTableAssociation(name + "-private-rta-" + zone, RouteTableAssociationArgs.builder()
                    .subnetId(privateSubnets.get(zone).id()).routeTableId(privateRoutes.id()).build(),
                    childOf(this));
        }

        this.vpcId = vpc.id();
        this.publicSubnetIds = Output.all(publicSubnets.stream().map(Subnet::id).toList());
        this.privateSubnetIds = Output.all(privateSubnets.stream().map(Subnet::id).toList());
        registerOutputs(Map.of("vpcId", vpcId, "publicSubnetIds", publicSubnetIds,
                "privateSubnetIds", privateSubnetIds));
    }

    private Subnet subnet(String resourceName, Vpc vpc, Output<String> zone, String cidr, String tagName) {
        return new Subnet(resourceName, SubnetArgs.builder()
                .vpcId(vpc.id())
                .availabilityZone(zone)
                .cidrBlock(cidr)
                // Nothing gets a public address by accident; the ALB and NAT bring their own.
                .mapPublicIpOnLaunch(false)
                .tags(Map.of("Name", tagName))
                .build(), childOf(this));
    }

    private NatGateway natGateway(String resourceName, Subnet publicSubnet, InternetGateway gateway, String prefix) {
        var address = new Eip(resourceName + "-eip", EipArgs.builder()
                .domain("vpc").tags(Map.of("Name", prefix + "-nat")).build(), childOf(this));
        return new NatGateway(resourceName, NatGatewayArgs.builder()
                .allocationId(address.id())
                .subnetId(publicSubnet.id())
                .tags(Map.of("Name", prefix + "-nat"))
                .build(), com.pulumi.resources.CustomResourceOptions.builder()
                .parent(this).dependsOn(gateway).build());
    }
}
