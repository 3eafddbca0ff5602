import io.waihu.bench.Json;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** The call records the server's projection holds, read back as admin: how each call of a level ended. */
final class CallRecords {

    private CallRecords() {}

    record Rec(String id, String state, String result, Integer sipCode, String reason, Instant placedAt,
               Instant answeredAt, Instant endedAt, String endedBy) {}

    private static final String RECORDS = "query($from: DateTime, $after: String) { callRecords(from: $from, "
            + "first: 200, after: $after) { edges { node { id state result sipCode reason placedAt answeredAt "
            + "endedAt endedBy } } pageInfo { endCursor hasNextPage } } }";

    private static Instant instant(String s) {
        return s == null ? null : Instant.parse(s);
    }

    static Map<String, Rec> records(String adminToken, Instant from) {
        Map<String, Rec> out = new HashMap<>();
        String after = null;
        while (true) {
            String vars = "{\"from\":" + Json.quote(from.toString()) + ",\"after\":"
                    + (after == null ? "null" : Json.quote(after))
                    + "}";
            String body = FullSystemBench.graphql().call(adminToken, RECORDS, vars).orThrow("callRecords").body();
            String[] nodes = body.split("\"node\"\\s*:");
            for (int i = 1; i < nodes.length; i++) {
                String n = nodes[i];
                String code = Json.field(n, "sipCode");
                Rec r = new Rec(Json.field(n, "id"), Json.field(n, "state"), Json.field(n, "result"),
                        code == null ? null : (int) Double.parseDouble(code), Json.field(n, "reason"),
                        instant(Json.field(n, "placedAt")), instant(Json.field(n, "answeredAt")),
                        instant(Json.field(n, "endedAt")),
                        Json.field(n, "endedBy"));
                out.put(r.id(), r);
            }
            if (!"true".equals(Json.field(body, "hasNextPage"))) {
                return out;
            }
            after = Json.field(body, "endCursor");
        }
    }
}
