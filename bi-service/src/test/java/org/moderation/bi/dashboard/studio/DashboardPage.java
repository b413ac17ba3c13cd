package org.moderation.bi.dashboard.studio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard page in Debian's headless Chromium, driven through the system's chromedriver: nothing is downloaded.
 * Each page is a fresh browser profile, so each login starts from nothing.
 */
final class DashboardPage implements AutoCloseable {

    private static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("chromium.driver", "/usr/bin/chromedriver"));
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final WebDriver driver;
    private final WebDriverWait wait;
    private final Path profile;

    private DashboardPage(WebDriver driver, Path profile) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, WAIT);
        this.profile = profile;
    }

    /** Opens {@code url}, logs in at Keycloak's login form and waits until the page has shown its numbers. */
    static DashboardPage logIn(String url, String username, String password) throws IOException {
        // A missing browser is a failure, never a skip: CI installs it (.ci/env.sh ensure_chromium).
        assertThat(CHROMIUM).as("Chromium (apt-get install chromium)").isExecutable();
        assertThat(CHROMEDRIVER).as("chromedriver (apt-get install chromium-driver)").isExecutable();
        Path profile = Files.createTempDirectory("dashboard-chromium");
        var options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1400,1150",
                "--user-data-dir=" + profile);
        var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        var page = new DashboardPage(new ChromeDriver(service, options), profile);
        try {
            page.driver.get(url);
            page.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(username);
            page.driver.findElement(By.id("password")).sendKeys(password);
            page.driver.findElement(By.id("kc-login")).click();
            page.waitUntilSettled();
            return page;
        } catch (RuntimeException e) {
            page.close();
            throw e;
        }
    }

    /** Until the page has loaded its numbers or shown an error; fails on an error with its text. */
    void waitUntilSettled() {
        wait.until(d -> List.of("ready", "error").contains(body().getDomAttribute("data-state")));
        assertThat(body().getDomAttribute("data-state")).as(text("#error")).isEqualTo("ready");
    }

    String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    /** Displayed text of each row of a breakdown table, keyed by the row's key (empty for "no community"). */
    Map<String, List<String>> table(String id) {
        return driver.findElements(By.cssSelector("#" + id + " tbody tr[data-key]")).stream().collect(Collectors.toMap(
                row -> row.getDomAttribute("data-key"),
                row -> row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList(),
                (a, b) -> a, LinkedHashMap::new));
    }

    List<String> scopeChips() {
        return driver.findElements(By.cssSelector("#scope .chip")).stream().map(WebElement::getText).toList();
    }

    /** What the chart draws: one list per dataset (submissions, removals, removal rate in percent). */
    @SuppressWarnings("unchecked")
    List<List<Number>> chartData() {
        return (List<List<Number>>) ((JavascriptExecutor) driver).executeScript(
                "return Chart.getChart(document.querySelector('#series-chart')).data.datasets.map(d => d.data);");
    }

    List<String> chartLabels() {
        @SuppressWarnings("unchecked")
        var labels = (List<String>) ((JavascriptExecutor) driver).executeScript(
                "return Chart.getChart(document.querySelector('#series-chart')).data.labels;");
        return labels;
    }

    void click(String css) {
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
    }

    /** Opens the explanation of a number ({@code data-explain} of its button) and returns the dialog's text. */
    String explain(String key) {
        click("button.explain[data-explain='" + key + "']");
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("explain-dialog"))).getText();
    }

    /** In the open explanation: asks bi-service to explain one submission and returns what the page shows. */
    String explainSubmission(long id) {
        WebElement input = driver.findElement(By.id("submission-id"));
        input.clear();
        input.sendKeys(String.valueOf(id));
        driver.findElement(By.cssSelector("#explain-form button")).click();
        wait.until(d -> !text("#submission-explanation").startsWith("Asking"));
        return text("#submission-explanation");
    }

    void closeExplanation() {
        click("#explain-close");
    }

    void screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        File shot = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
    }

    private WebElement body() {
        return driver.findElement(By.tagName("body"));
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
