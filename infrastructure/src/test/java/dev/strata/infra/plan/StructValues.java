package dev.strata.infra.plan;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the protobuf inputs the SDK sends to the engine into plain Java values for the plan, keeping
 * the engine's markers visible: a secret anywhere in the tree becomes {@link #SECRET}, an unknown value
 * {@link #UNKNOWN}, an asset {@code {"asset": "<path>"}}. Keys are sorted so the JSON is stable.
 */
final class StructValues {
    static final String SECRET = "[secret]";
    static final String UNKNOWN = "[unknown]";
    // Wire-protocol constants of the Pulumi engine (sdk/go/common/resource/properties.go).
    private static final String SIG_KEY = "4dabf18193072939515e22adb298388d";
    private static final String SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
    private static final String ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
    private static final String ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";
    private static final String RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
    private static final String UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

    private StructValues() {
    }

    static Map<String, Object> toMap(Struct struct) {
        Map<String, Object> map = new TreeMap<>();
        struct.getFieldsMap().forEach((key, value) -> {
            Object converted = toJava(value);
            if (converted != null) {
                map.put(key, converted);
            }
        });
        return map;
    }

    static Object toJava(Value value) {
        return switch (value.getKindCase()) {
            case NULL_VALUE, KIND_NOT_SET -> null;
            case BOOL_VALUE -> value.getBoolValue();
            case NUMBER_VALUE -> number(value.getNumberValue());
            case STRING_VALUE -> UNKNOWN_VALUE.equals(value.getStringValue()) ? UNKNOWN : value.getStringValue();
            case LIST_VALUE -> list(value.getListValue());
            case STRUCT_VALUE -> struct(value.getStructValue());
        };
    }

    private static Object struct(Struct struct) {
        Value sig = struct.getFieldsMap().get(SIG_KEY);
        if (sig == null) {
            return toMap(struct);
        }
        var fields = struct.getFieldsMap();
        return switch (sig.getStringValue()) {
            case SECRET_SIG -> SECRET;
            case ASSET_SIG, ARCHIVE_SIG -> Map.of("asset", fields.containsKey("path")
                    ? fields.get("path").getStringValue() : "(inline or remote)");
            case RESOURCE_SIG -> fields.get("urn").getStringValue();
            default -> toMap(struct);
        };
    }

    private static List<Object> list(ListValue list) {
        List<Object> values = new ArrayList<>();
        for (Value element : list.getValuesList()) {
            values.add(toJava(element));
        }
        return values;
    }

    /** Whole numbers as longs, so the plan shows {@code 443} rather than {@code 443.0}. */
    private static Object number(double number) {
        return number == Math.rint(number) && Math.abs(number) < 1e15 ? (Object) (long) number : number;
    }
}
