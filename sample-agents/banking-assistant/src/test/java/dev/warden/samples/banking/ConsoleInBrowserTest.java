package dev.warden.samples.banking;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.warden.test.WardenTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The web console in a real browser (headless Chromium), against the banking assistant with its scripted model: one
 * Quarkus boot (shared with the other tests of this module) and one browser for the whole class. Screenshots of each
 * page go to target/console-screenshots (docs/console with -Dconsole.screenshots=../../docs/console).
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleInBrowserTest {
    static final String PAYEE = "FR1420041010050500013M02606";
    static final String CSRF = "c".repeat(43);
    static ConsoleBrowser browser;

    @TestHTTPResource("/")
    URL base;
    @Inject
    BankingAssistant bank;

    @BeforeAll
    static void noBrowserYet() {
        browser = null;
    }

    ConsoleBrowser browser() {
        if (browser == null) {
            browser = new ConsoleBrowser(base.toString());
        }
        return browser;
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    static Response ask(String token, String input) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"input\":\"" + input + "\"}")
                .post("/v1/agents/banking-assistant/runs");
    }

    private long transfersOf(String user, String iban) {
        return bank.environment("default", user).transactions.stream().filter(t -> iban.equals(t.recipient)).count();
    }

    @Test
    @Order(1)
    void the_login_page_offers_the_demo_users_and_a_token_form_with_labelled_controls() {
        ConsoleBrowser b = browser();
        b.signOut();
        b.open("/warden/login");
        b.waitFor(By.id("login-bob"));
        assertThat(b.unlabelledControls()).isEmpty();
        b.screenshot("login");
    }

    @Test
    @Order(2)
    void an_approver_sees_a_parked_transfer_arrive_live_with_the_request_and_the_iban_provenance_and_approves_it() {
        ConsoleBrowser b = browser();
        b.signInAs("bob");
        b.waitFor(By.cssSelector("#live[data-connected]"));
        long before = transfersOf("carol", PAYEE);
        Response run = ask(WardenTokens.devUser("carol"), "Please send 900 EUR to " + PAYEE);
        run.then().statusCode(200).body("status", containsString("AWAITING_APPROVAL"));
        String approval = run.path("approvalId");
        // the inbox was open before the transfer was parked: the live stream brings it in
        WebElement link = b.waitFor(By.cssSelector("a[data-approval='" + approval + "']"));
        b.screenshot("inbox");
        link.click();
        b.waitForText(By.id("user-request"), "Please send 900 EUR to " + PAYEE);
        WebElement recipient = b.waitFor(By.cssSelector("tr[data-argument='recipient']"));
        assertThat(recipient.getText()).contains(PAYEE).contains("USER");
        assertThat(b.driver.findElement(By.id("rules")).getText()).contains("large-transfers-need-approval");
        assertThat(b.driver.findElement(By.id("expires")).getText()).isNotBlank();
        assertThat(b.unlabelledControls()).isEmpty();
        b.screenshot("approval");
        assertThat(transfersOf("carol", PAYEE)).isEqualTo(before);
        // keyboard only: write the comment, tab to Approve, press Enter
        WebElement comment = b.driver.findElement(By.id("comment"));
        comment.sendKeys("called the customer");
        comment.sendKeys(Keys.TAB);
        assertThat(b.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("approve");
        b.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        b.waitForText(By.id("run-status"), "COMPLETED");
        b.screenshot("decided");
        assertThat(transfersOf("carol", PAYEE)).isEqualTo(before + 1);
    }

    @Test
    @Order(3)
    void a_requester_who_is_also_a_manager_cannot_approve_their_own_transfer() {
        String dana = WardenTokens.user("dana").roles("customer", "manager").mint();
        Response run = ask(dana, "Please send 950 EUR to " + PAYEE);
        String approval = run.path("approvalId");
        assertThat(approval).isNotNull();
        ConsoleBrowser b = browser();
        b.signInWithToken(dana);
        b.waitFor(By.id("approvals-h"));
        assertThat(b.driver.findElements(By.cssSelector("a[data-approval='" + approval + "']"))).isEmpty();
        b.open("/warden/approvals/" + approval);
        b.waitForText(By.id("error-code"), "WARDEN-APR-0001");
        // a hand-made post with a valid session and CSRF token meets the API's separation of duties
        given().cookie("warden-console", dana).cookie("warden-console-csrf", CSRF).formParam("_csrf", CSRF)
                .formParam("decision", "approve").post("/warden/approvals/" + approval)
                .then().statusCode(403).body(containsString("WARDEN-APR-0003"));
        given().auth().oauth2(WardenTokens.devUser("bob")).get("/v1/approvals").then().statusCode(200)
                .body("approvalId", hasItem(approval));
        assertThat(transfersOf("dana", PAYEE)).isZero();
    }

    @Test
    @Order(4)
    void the_run_timeline_shows_the_refused_injected_call_with_its_rule() {
        Response run = ask(WardenTokens.devUser("alice"), "Show me my recent transactions");
        String runId = run.path("runId");
        ConsoleBrowser b = browser();
        b.signInAs("olga");
        b.open("/warden/runs/" + runId);
        WebElement refused = b.waitFor(By.cssSelector("#timeline tr[data-tool='send_money'][data-outcome='DENY']"));
        assertThat(refused.getText()).contains("recipient-from-user-or-records");
        assertThat(refused.getAttribute("class")).contains("kind-refused");
        b.driver.executeScript("arguments[0].scrollIntoView({block: 'center'});", refused);
        b.screenshot("run");
    }

    @Test
    @Order(5)
    void an_auditor_queries_the_trail_verifies_the_chain_and_exports_it() {
        ConsoleBrowser b = browser();
        b.signInAs("olga");
        b.open("/warden/audit");
        new org.openqa.selenium.support.ui.Select(b.waitFor(By.id("q-decision"))).selectByValue("DENY");
        b.driver.findElement(By.id("verify")).click();
        b.waitForText(By.id("verify-result"), "Chain verified");
        assertThat(b.driver.findElements(By.cssSelector("#records tbody tr"))).isNotEmpty()
                .allSatisfy(r -> assertThat(r.getAttribute("data-outcome")).isEqualTo("DENY"));
        assertThat(b.unlabelledControls()).isEmpty();
        b.screenshot("audit");
        String jsonl = given().cookie("warden-console", WardenTokens.devUser("olga")).get("/warden/audit/export")
                .then().statusCode(200).extract().asString();
        assertThat(jsonl.lines()).isNotEmpty().allSatisfy(l -> assertThat(l).startsWith("{").contains("\"hash\""));
    }

    @Test
    @Order(6)
    void the_kill_switch_refuses_the_next_call_until_the_officer_resumes_the_agent() {
        ConsoleBrowser b = browser();
        b.signInAs("sam");
        b.open("/warden/inventory");
        assertThat(b.driver.findElement(By.id("agent-banking-assistant")).getText()).contains("send_money")
                .contains("FINANCIAL");
        // what the agent actually did, folded from the audit trail: the transfer approved earlier in this class
        assertThat(b.driver.findElement(By.id("access-banking-assistant")).getText()).contains("send_money")
                .contains("audit records");
        b.driver.findElement(By.id("k-id")).sendKeys("banking-assistant");
        b.driver.findElement(By.id("k-reason")).sendKeys("suspected prompt injection");
        assertThat(b.unlabelledControls()).isEmpty();
        b.screenshot("inventory");
        b.driver.findElement(By.id("suspend")).click();
        b.waitForText(By.id("kill-result"), "suspended");
        // the next call of the agent, from anyone, is refused at its first checkpoint with the kill switch's code
        ask(WardenTokens.devUser("alice"), "What is my balance?").then().statusCode(200)
                .body("status", containsString("DENIED")).body(containsString("WARDEN-INV-0600"));
        b.open("/warden/inventory");
        b.driver.findElement(By.id("k-id")).sendKeys("banking-assistant");
        b.driver.findElement(By.id("resume")).click();
        b.waitForText(By.id("kill-result"), "resumed");
        ask(WardenTokens.devUser("alice"), "What is my balance?").then().statusCode(200)
                .body("status", containsString("COMPLETED"));
    }

    @Test
    @Order(7)
    void forged_posts_are_refused_and_the_console_cookie_does_not_open_the_rest_api() {
        String approval = ask(WardenTokens.devUser("carol"), "Please send 990 EUR to " + PAYEE).path("approvalId");
        String bob = WardenTokens.devUser("bob");
        // no token, a wrong token, and the right token from another site: all refused before the approval is touched
        given().cookie("warden-console", bob).cookie("warden-console-csrf", CSRF).formParam("decision", "approve")
                .post("/warden/approvals/" + approval).then().statusCode(403).body(containsString("WARDEN-CON-0630"));
        given().cookie("warden-console", bob).cookie("warden-console-csrf", CSRF).formParam("_csrf", "d".repeat(43))
                .formParam("decision", "approve").post("/warden/approvals/" + approval)
                .then().statusCode(403).body(containsString("WARDEN-CON-0630"));
        given().cookie("warden-console", bob).cookie("warden-console-csrf", CSRF).formParam("_csrf", CSRF)
                .header("Sec-Fetch-Site", "cross-site").formParam("decision", "approve")
                .post("/warden/approvals/" + approval).then().statusCode(403).body(containsString("WARDEN-CON-0630"));
        given().auth().oauth2(bob).get("/v1/approvals").then().statusCode(200).body("approvalId", hasItem(approval));
        // the session cookie is the console's only: the REST API still wants the Authorization header
        given().cookie("warden-console", bob).get("/v1/approvals").then().statusCode(401);
        // a console page without a session goes to the login page; with a broken one too
        given().redirects().follow(false).get("/warden/approvals").then().statusCode(303)
                .header("Location", containsString("/warden/login"));
        given().redirects().follow(false).cookie("warden-console", bob + "x").get("/warden/approvals").then()
                .statusCode(303);
        given().auth().oauth2(bob).contentType(ContentType.JSON).body("{\"approve\":false,\"comment\":\"test\"}")
                .post("/v1/approvals/" + approval + "/decision").then().statusCode(200)
                .body("status", not(containsString("COMPLETED")));
    }
}
