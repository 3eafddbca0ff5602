package io.waihu.backend.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * List imports through the whole pipeline: an HTTP upload, the import in the background, the
 * contacts in the read model, progress and outcome over GraphQL, the reject report over HTTP,
 * and the erasures that must reach imported people. Every test ends with the processors at the
 * head: a bad row never holds up the events behind it.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class ContactListImportTest {

    static final String IMPORT = "query($id: ID!) { contactImport(id: $id) { id campaignId fileName state message "
            + "rowsRead accepted partial rejected rejectedBy { reason count } numbersDropped { reason count } "
            + "duplicates blacklisted alreadyInCampaign customersCreated attempt reportUrl reportExpiresAt } }";
    private static final String ERASE_CONTACT = "mutation($id: ID!) { eraseContact(input: {contactId: $id, "
            + "reason: \"asked to be forgotten\"}) { contactId reportsDeleted userErrors { code message } } }";

    @Inject
    AgroalDataSource database;

    @ConfigProperty(name = "waihu.dialer.imports.dir")
    Path importsDir;

    static String campaign() {
        return "campaign-" + UUID.randomUUID();
    }

    static Response upload(String token, String campaignId, byte[] body, String fileName, boolean createCustomers) {
        var request = given();
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        return request.contentType("application/octet-stream").body(body)
                .queryParam("campaignId", campaignId).queryParam("fileName", fileName)
                .queryParam("createCustomers", createCustomers).post("/imports/contacts");
    }

    /** Uploads and waits for the import to end; answers its contactImport. */
    static JsonPath imported(GraphQL client, String token, String campaignId, byte[] body, String fileName,
            boolean createCustomers) {
        Response response = upload(token, campaignId, body, fileName, createCustomers);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(202);
        return awaitEnd(client, response.jsonPath().getString("importId"));
    }

    static JsonPath awaitEnd(GraphQL client, String importId) {
        return awaitEnd(client, importId, Duration.ofSeconds(120));
    }

    static JsonPath awaitEnd(GraphQL client, String importId, Duration wait) {
        JsonPath[] last = new JsonPath[1];
        Awaitility.await().atMost(wait).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = client.ok(IMPORT, Map.of("id", importId));
            return !"RUNNING".equals(last[0].getString("data.contactImport.state"));
        });
        return last[0];
    }

    private static long count(JsonPath result, String list, String reason) {
        List<Map<String, Object>> counts = result.getList("data.contactImport." + list);
        return counts.stream().filter(c -> reason.equals(c.get("reason")))
                .mapToLong(c -> ((Number) c.get("count")).longValue()).sum();
    }

    private List<Map<String, Object>> rows(String campaignId) throws SQLException {
        try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT contact_id, customer_id, phone, name, priority, state, source_line FROM dialer_contact "
                        + "WHERE campaign_id = ? ORDER BY source_line")) {
            s.setString(1, campaignId);
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new java.util.HashMap<>();
                    row.put("contactId", rs.getString(1));
                    row.put("customerId", rs.getString(2));
                    row.put("phone", rs.getString(3));
                    row.put("name", rs.getString(4));
                    row.put("priority", rs.getInt(5));
                    row.put("state", rs.getString(6));
                    row.put("line", rs.getLong(7));
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    private long scalar(String sql, Object... parameters) throws SQLException {
        try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void processorsReachTheHead(GraphQL admin) throws Exception {
        assertThat(ProcessorsAtHead.await(admin, database, Duration.ofSeconds(60))).isEmpty();
    }

    private static String supervisorToken(GraphQL admin) {
        TestUsers.Login supervisor = TestUsers.create(admin, "SUPERVISOR", TestUsers.uniqueTeam());
        return GraphQL.tokenOf(supervisor.username(), TestUsers.PASSWORD);
    }

    @Test
    void badRowsAreCountedAndReportedWhileGoodRowsBecomeContactsAndTheSameFileAddsNothingTwice() throws Exception {
        GraphQL admin = GraphQL.admin();
        String token = supervisorToken(admin);
        GraphQL supervisor = GraphQL.withToken(token);
        String campaignId = campaign();
        String good = CustomerGraphQLTest.uniqueMobile();
        String second = CustomerGraphQLTest.uniqueMobile();
        String blocked = CustomerGraphQLTest.uniqueMobile();
        admin.ok("mutation($n: String!) { addToBlacklist(input: {number: $n, reason: \"asked\"}) { entry { id } } }",
                Map.of("n", blocked));
        String csv = "\uFEFF姓名,电话,城市,优先级\r\n"
                + "张三," + good.substring(0, 3) + " " + good.substring(3, 7) + " " + good.substring(7) + ",北京,5\r\n"
                + "李四,not a number,上海,1\r\n"
                + "王五,+86" + good + ",广州,1\r\n"
                + "赵六," + blocked + ",深圳,1\r\n"
                + "钱七,,杭州,1\r\n"
                + "孙八," + second + " / 123,南京,2000\r\n"
                + "周九," + second + " / 12345,成都,3\r\n"
                + "\"吴十,13,x,1\r\n";
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        JsonPath result = imported(supervisor, token, campaignId, bytes, "客户 list.csv", false);

        assertThat(result.getString("data.contactImport.state")).isEqualTo("DONE");
        assertThat(result.getString("data.contactImport.fileName")).isEqualTo("客户 list.csv");
        assertThat(result.getLong("data.contactImport.rowsRead")).isEqualTo(8);
        assertThat(result.getLong("data.contactImport.accepted")).isEqualTo(2);
        assertThat(result.getLong("data.contactImport.partial")).isEqualTo(1);
        assertThat(count(result, "rejectedBy", "INVALID_PHONE")).isEqualTo(1);
        assertThat(count(result, "rejectedBy", "DUPLICATE")).isEqualTo(1);
        assertThat(count(result, "rejectedBy", "BLACKLISTED")).isEqualTo(1);
        assertThat(count(result, "rejectedBy", "NO_PHONE")).isEqualTo(1);
        assertThat(count(result, "rejectedBy", "INVALID_PRIORITY")).isEqualTo(1);
        assertThat(count(result, "rejectedBy", "MALFORMED_ROW")).isEqualTo(1);
        assertThat(result.getLong("data.contactImport.duplicates")).isEqualTo(1);
        assertThat(result.getLong("data.contactImport.blacklisted")).isEqualTo(1);
        assertThat(result.getString("data.contactImport.reportUrl")).endsWith("/report.csv");
        assertThat(result.getString("data.contactImport.reportExpiresAt")).isNotNull();

        processorsReachTheHead(admin);
        List<Map<String, Object>> contacts = rows(campaignId);
        assertThat(contacts).extracting(r -> r.get("phone")).containsExactly("+86" + good, "+86" + second);
        assertThat(contacts).extracting(r -> r.get("name")).containsExactly("张三", "周九");
        assertThat(contacts).extracting(r -> r.get("priority")).containsExactly(5, 3);
        assertThat(contacts).extracting(r -> r.get("state")).containsOnly("NEW");
        assertThat(contacts).extracting(r -> r.get("line")).containsExactly(2L, 8L);

        // the report: line-numbered, the reasons, decrypted on the way out; the file on disk is sealed
        String importId = result.getString("data.contactImport.id");
        Response report = given().auth().oauth2(token).get(result.getString("data.contactImport.reportUrl"));
        assertThat(report.statusCode()).isEqualTo(200);
        String text = new String(report.asByteArray(), StandardCharsets.UTF_8);
        assertThat(text).contains("3,REJECTED,INVALID_PHONE", "4,REJECTED,DUPLICATE", "5,REJECTED,BLACKLISTED",
                "6,REJECTED,NO_PHONE", "7,REJECTED,INVALID_PRIORITY", "8,KEPT,INVALID_PHONE", "9,REJECTED,MALFORMED_ROW",
                "李四");
        byte[] stored = Files.readAllBytes(importsDir.resolve(importId + ".report"));
        assertThat(new String(stored, StandardCharsets.UTF_8)).doesNotContain("李四", "INVALID_PHONE");
        assertThat(importsDir.resolve(importId + ".upload")).doesNotExist();

        // the same bytes again: the same import, nothing added
        Response again = upload(token, campaignId, bytes, "again.csv", false);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.jsonPath().getString("importId")).isEqualTo(importId);
        assertThat(again.jsonPath().getBoolean("existing")).isTrue();

        // another file with a number the campaign has: kept out and counted
        String third = CustomerGraphQLTest.uniqueMobile();
        JsonPath next = imported(supervisor, token, campaignId,
                ("phone,name\n" + good + ",again\n" + third + ",new\n").getBytes(StandardCharsets.UTF_8), null, false);
        assertThat(next.getLong("data.contactImport.accepted")).isEqualTo(1);
        assertThat(next.getLong("data.contactImport.alreadyInCampaign")).isEqualTo(1);
        assertThat(count(next, "rejectedBy", "ALREADY_IN_CAMPAIGN")).isEqualTo(1);
        processorsReachTheHead(admin);
        assertThat(rows(campaignId)).hasSize(3);
    }

    @Test
    void gbkCsvAndXlsxListsReadTheirNamesRight() throws Exception {
        GraphQL admin = GraphQL.admin();
        String token = supervisorToken(admin);
        GraphQL supervisor = GraphQL.withToken(token);
        String campaignId = campaign();
        String a = CustomerGraphQLTest.uniqueMobile();
        String b = CustomerGraphQLTest.uniqueMobile();
        byte[] gbk = ("客户名称,手机号码\r\n欧阳娜娜," + a + "\r\n").getBytes(Charset.forName("GBK"));
        JsonPath fromGbk = imported(supervisor, token, campaignId, gbk, "gbk.csv", false);
        assertThat(fromGbk.getLong("data.contactImport.accepted")).isEqualTo(1);

        ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            XSSFSheet sheet = workbook.createSheet("名单");
            XSSFRow header = sheet.createRow(0);
            header.createCell(0).setCellValue("姓名");
            header.createCell(1).setCellValue("手机");
            XSSFRow row = sheet.createRow(1);
            row.createCell(0).setCellValue("司马懿");
            row.createCell(1).setCellValue(Double.parseDouble(b)); // Excel keeps a typed number as a double
            XSSFRow duplicate = sheet.createRow(2);
            duplicate.createCell(0).setCellValue("重复");
            duplicate.createCell(1).setCellValue(a);
            workbook.write(xlsx);
        }
        JsonPath fromXlsx = imported(supervisor, token, campaignId, xlsx.toByteArray(), "list.xlsx", false);
        assertThat(fromXlsx.getLong("data.contactImport.accepted")).isEqualTo(1);
        assertThat(fromXlsx.getLong("data.contactImport.alreadyInCampaign")).isEqualTo(1);
        processorsReachTheHead(admin);
        assertThat(rows(campaignId)).extracting(r -> r.get("name")).containsExactlyInAnyOrder("欧阳娜娜", "司马懿");
    }

    @Test
    void onlySupervisorsAndAdminsUploadAndReadReports() throws Exception {
        GraphQL admin = GraphQL.admin();
        String supervisorToken = supervisorToken(admin);
        TestUsers.Login agent = TestUsers.create(admin, "AGENT", TestUsers.uniqueTeam());
        String agentToken = GraphQL.tokenOf(agent.username(), TestUsers.PASSWORD);
        String campaignId = campaign();
        byte[] body = ("phone\n" + CustomerGraphQLTest.uniqueMobile() + "\nnonsense\n").getBytes(StandardCharsets.UTF_8);

        assertThat(upload(null, campaignId, body, null, false).statusCode()).isEqualTo(401);
        assertThat(upload(agentToken, campaignId, body, null, false).statusCode()).isEqualTo(403);
        assertThat(upload(supervisorToken, "not a campaign id!", body, null, false).statusCode()).isEqualTo(400);
        assertThat(upload(supervisorToken, campaignId, new byte[0], null, false).statusCode()).isEqualTo(400);
        JsonPath done = imported(GraphQL.withToken(supervisorToken), supervisorToken, campaignId, body, null, false);
        String url = done.getString("data.contactImport.reportUrl");
        String id = done.getString("data.contactImport.id");

        assertThat(given().get(url).statusCode()).isEqualTo(401);
        assertThat(given().auth().oauth2(agentToken).get(url).statusCode()).isEqualTo(403);
        assertThat(given().auth().oauth2(supervisorToken).get(url).statusCode()).isEqualTo(200);
        assertThat(GraphQL.errorCode(agent.client().call(IMPORT, Map.of("id", id)))).isEqualTo("FORBIDDEN");
        assertThat(GraphQL.errorCode(admin.call(IMPORT, Map.of("id", UUID.randomUUID().toString()))))
                .isEqualTo("NOT_FOUND");
        assertThat(admin.ok("query($id: ID!) { node(id: $id) { id ... on ContactImport { state } } }",
                Map.of("id", id)).getString("data.node.state")).isEqualTo("DONE");
        processorsReachTheHead(admin);
    }

    /**
     * Fifty thousand rows (the opt-in {@code ContactImportBenchmark} takes a million under a
     * 512 MiB heap): every good row a contact, every bad one counted, one row per contact in the
     * table, the processors at the head after.
     */
    @Test
    void aFiftyThousandRowListBecomesFiftyThousandContactsLessItsBadRows() throws Exception {
        GraphQL admin = GraphQL.admin();
        String token = supervisorToken(admin);
        String campaignId = campaign();
        int rows = 50_000;
        long base = Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 40_000_000L);
        StringBuilder csv = new StringBuilder("姓名,手机号码,城市\n");
        for (int i = 0; i < rows; i++) {
            String number = i % 100 == 7 ? "12345" // invalid
                    : i % 100 == 9 ? "138" + String.format("%08d", base + i - 1) // the line before's number
                    : "138" + String.format("%08d", base + i);
            csv.append("客户").append(i).append(',').append(number).append(",上海\n");
        }
        long started = System.nanoTime();
        Response response = upload(token, campaignId, csv.toString().getBytes(StandardCharsets.UTF_8), "50k.csv",
                false);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(202);
        // ~30 s on two quiet cores; a shared machine at a load of 35 took over three minutes
        JsonPath done = awaitEnd(GraphQL.withToken(token), response.jsonPath().getString("importId"),
                Duration.ofMinutes(10));
        processorsReachTheHead(admin);
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(done.getLong("data.contactImport.rowsRead")).isEqualTo(rows);
        assertThat(done.getLong("data.contactImport.accepted")).isEqualTo(rows - 1_000);
        assertThat(count(done, "rejectedBy", "INVALID_PHONE")).isEqualTo(500);
        assertThat(count(done, "rejectedBy", "DUPLICATE")).isEqualTo(500);
        assertThat(scalar("SELECT count(*) FROM dialer_contact WHERE campaign_id = ?", campaignId))
                .isEqualTo(rows - 1_000);
        assertThat(scalar("SELECT count(*) FROM dialer_contact_phone WHERE campaign_id = ?", campaignId))
                .isEqualTo(rows - 1_000);
        System.out.printf("50,000-row list: %.1f s to the read model, %.0f rows/s%n", seconds, rows / seconds);
    }

    @Test
    void aFileThatIsNoListFailsTheImportWithItsReason() throws Exception {
        GraphQL admin = GraphQL.admin();
        String token = supervisorToken(admin);
        JsonPath failed = imported(GraphQL.withToken(token), token, campaign(),
                "name,city\nA,B\n".getBytes(StandardCharsets.UTF_8), "no-phone.csv", false);
        assertThat(failed.getString("data.contactImport.state")).isEqualTo("FAILED");
        assertThat(failed.getString("data.contactImport.message")).containsIgnoringCase("phone");
        processorsReachTheHead(admin);
    }

    @Test
    void erasureReachesImportedPeopleTheirRowsAndTheReports() throws Exception {
        GraphQL admin = GraphQL.admin();
        String token = supervisorToken(admin);
        GraphQL supervisor = GraphQL.withToken(token);
        String campaignId = campaign();
        String customerPhone = CustomerGraphQLTest.uniqueMobile();
        String customerId = admin.ok(CustomerGraphQLTest.CREATE, Map.of("in", Map.of("name", "Known Customer",
                "phones", List.of(customerPhone)))).getString("data.createCustomer.customer.id");
        String own = CustomerGraphQLTest.uniqueMobile();
        String byNumber = CustomerGraphQLTest.uniqueMobile();
        processorsReachTheHead(admin);
        JsonPath done = imported(supervisor, token, campaignId, ("name,phone\nLinked Person," + customerPhone
                + "\nOwn Person," + own + "\nNumber Person," + byNumber + "\nBroken,xx\n")
                .getBytes(StandardCharsets.UTF_8), null, false);
        assertThat(done.getLong("data.contactImport.accepted")).isEqualTo(3);
        String importId = done.getString("data.contactImport.id");
        processorsReachTheHead(admin);
        List<Map<String, Object>> contacts = rows(campaignId);
        Map<String, Object> linked = contacts.get(0);
        Map<String, Object> ownRow = contacts.get(1);
        assertThat(linked.get("customerId")).isEqualTo(customerId);
        assertThat(ownRow.get("customerId")).isNull();
        String ownId = (String) ownRow.get("contactId");
        assertThat(scalar("SELECT count(*) FROM data_subject_key WHERE subject_id = ?", "contact:" + ownId))
                .isEqualTo(1);

        // a customer's contact is erased with the customer
        JsonPath refused = admin.call(ERASE_CONTACT, Map.of("id", linked.get("contactId")));
        assertThat(GraphQL.userErrorCode(refused, "eraseContact")).isEqualTo("CONFLICT");

        JsonPath erased = admin.ok(ERASE_CONTACT, Map.of("id", ownId));
        assertThat(erased.getString("data.eraseContact.contactId")).isEqualTo(ownId);
        assertThat(erased.getInt("data.eraseContact.reportsDeleted")).isGreaterThanOrEqualTo(1);
        assertThat(scalar("SELECT count(*) FROM data_subject_key WHERE subject_id = ?", "contact:" + ownId))
                .isZero();
        assertThat(scalar("SELECT count(*) FROM data_subject_key WHERE subject_id = ?", "import:" + importId))
                .isZero();
        assertThat(importsDir.resolve(importId + ".report")).doesNotExist();
        assertThat(supervisor.ok(IMPORT, Map.of("id", importId)).getString("data.contactImport.reportUrl")).isNull();

        admin.ok("mutation($id: ID!) { eraseCustomer(input: {id: $id, reason: \"GDPR\"}) { customer { status } } }",
                Map.of("id", customerId));
        JsonPath byNumberErased = admin.ok("mutation($n: String!) { eraseNumber(input: {number: $n, reason: \"GDPR\"}) "
                + "{ number contactsErased userErrors { code } } }", Map.of("n", byNumber));
        assertThat(byNumberErased.getInt("data.eraseNumber.contactsErased")).isEqualTo(1);

        processorsReachTheHead(admin);
        for (Map<String, Object> row : rows(campaignId)) {
            assertThat(row.get("state")).isEqualTo("ERASED");
            assertThat(row.get("phone")).isNull();
            assertThat(row.get("name")).isNull();
        }
        assertThat(scalar("SELECT count(*) FROM dialer_contact_phone WHERE campaign_id = ?", campaignId)).isZero();
        // the events stay, their personal fields unreadable: no name in clear text in the store either
        assertThat(scalar("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? "
                + "AND convert_from(payload, 'UTF8') LIKE '%Own Person%'", ownId)).isZero();
    }

    @Test
    void aCampaignThatCreatesCustomersOnImportGetsOnePerNewNumber() throws Exception {
        GraphQL admin = GraphQL.admin();
        String token = supervisorToken(admin);
        String campaignId = campaign();
        String a = CustomerGraphQLTest.uniqueMobile();
        String b = CustomerGraphQLTest.uniqueMobile();
        JsonPath done = imported(GraphQL.withToken(token), token, campaignId,
                ("姓名,电话,来源\n新客户," + a + ",展会\n," + b + ",网站\n").getBytes(StandardCharsets.UTF_8), null, true);
        assertThat(done.getLong("data.contactImport.customersCreated")).isEqualTo(2);
        processorsReachTheHead(admin);
        List<Map<String, Object>> contacts = rows(campaignId);
        assertThat(contacts).allSatisfy(row -> assertThat(row.get("customerId")).isNotNull());
        JsonPath customer = admin.ok("query($id: ID!) { customer(id: $id) { name phones } }",
                Map.of("id", contacts.get(0).get("customerId")));
        assertThat(customer.getString("data.customer.name")).isEqualTo("新客户");
        assertThat(customer.getList("data.customer.phones", String.class)).containsExactly("+86" + a);
        assertThat(admin.ok("query($id: ID!) { customer(id: $id) { name } }",
                Map.of("id", contacts.get(1).get("customerId"))).getString("data.customer.name")).isEqualTo("+86" + b);
    }

}
