package dev.warden.samples.banking;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium for the console's browser tests: Debian's {@code chromium} driven by {@code chromium-driver},
 * both named explicitly so Selenium Manager never looks for (or downloads) a browser. Missing packages fail the tests
 * with the command that installs them — a skipped browser suite would hide a broken console.
 */
final class ConsoleBrowser implements AutoCloseable {
    static final String CHROMIUM = System.getProperty("console.chromium", "/usr/bin/chromium");
    static final String DRIVER = System.getProperty("console.chromedriver", "/usr/bin/chromedriver");
    /** Where screenshots go: {@code -Dconsole.screenshots=../../docs/console} refreshes the docs' pictures. */
    static final Path SCREENSHOTS = Path.of(System.getProperty("console.screenshots", "target/console-screenshots"));

    final ChromeDriver driver;
    final String base;

    ConsoleBrowser(String base) {
        if (!new File(CHROMIUM).canExecute() || !new File(DRIVER).canExecute()) {
            throw new IllegalStateException("the console's browser tests need Chromium and its driver at " + CHROMIUM
                    + " and " + DRIVER + ": install them with `apt-get install -y chromium chromium-driver` "
                    + "(Debian; .ci/run does this), or point -Dconsole.chromium / -Dconsole.chromedriver at them");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1366,900", "--force-device-scale-factor=1", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    void open(String path) {
        driver.get(base + path);
    }

    WebElement waitFor(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void waitForText(By by, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.textToBePresentInElementLocated(by,
                text));
    }

    /** Signs in as a demo user of the login page's picker. */
    void signInAs(String user) {
        signOut();
        open("/warden/login");
        waitFor(By.id("login-" + user)).click();
        waitFor(By.id("who"));
    }

    /** Signs in by pasting a token, as a user of an identity provider would. */
    void signInWithToken(String token) {
        signOut();
        open("/warden/login");
        // a pasted token arrives whole; typing 700 characters key by key only slows the test
        driver.executeScript("arguments[0].value = arguments[1];", waitFor(By.id("token")), token);
        driver.findElement(By.id("login-token")).click();
        waitFor(By.id("who"));
    }

    void signOut() {
        open("/warden/login");
        driver.manage().deleteAllCookies();
    }

    /** Form controls without a label (an accessibility defect), as "tag#id". */
    @SuppressWarnings("unchecked")
    List<String> unlabelledControls() {
        return (List<String>) driver.executeScript("return Array.from(document.querySelectorAll("
                + "'input:not([type=hidden]), textarea, select')).filter(e => !e.labels || e.labels.length === 0)"
                + ".map(e => e.tagName + '#' + e.id);");
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
