package org.moderation.bi.dashboard.studio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.moderation.bi.testsupport.HeadlessChromium;

/**
 * The dashboard page in Debian's headless Chromium, driven through the system's chromedriver: nothing is downloaded.
 * Each page is a fresh browser profile, so each login starts from nothing.
 */
final class DashboardPage implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final HeadlessChromium browser;
    private final WebDriver driver;
    private final WebDriverWait wait;

    private DashboardPage(HeadlessChromium browser) {
        this.browser = browser;
        this.driver = browser.driver();
        this.wait = new WebDriverWait(driver, WAIT);
    }

    /** Opens {@code url}, logs in at Keycloak's login form and waits until the page has shown its numbers. */
    static DashboardPage logIn(String url, String username, String password) throws IOException {
        var page = new DashboardPage(HeadlessChromium.start(1400, 1150));
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

    /**
     * Until the page has loaded its numbers or shown an error; fails on an error with its text. The body found may be
     * the identity provider's, replaced by the dashboard's as the browser comes back from the login.
     */
    void waitUntilSettled() {
        // The identity provider's body has no state: null, which List.of(…).contains would refuse with an exception.
        wait.ignoring(StaleElementReferenceException.class).until(d -> {
            String state = state();
            return "ready".equals(state) || "error".equals(state);
        });
        assertThat(body().getDomAttribute("data-state")).as(text("#error")).isEqualTo("ready");
    }

    /** Sets the window's dates as a person would pick them, applies it and waits for the page's numbers. */
    void showWindow(String from, String to) {
        ((JavascriptExecutor) driver).executeScript(
                "document.querySelector('#from').value = arguments[0]; document.querySelector('#to').value = arguments[1];",
                from, to);
        click("#window-form button[type=submit]");
        // Stale elements while the browser is away at the identity provider, if it goes there. The note shows the new
        // window before the page has read its alerts: only "ready" says that everything is on screen.
        wait.ignoring(StaleElementReferenceException.class)
                .withMessage(() -> "the page did not show [" + from + ", " + to + "); the browser is at " + driver.getCurrentUrl())
                .until(d -> "error".equals(state())
                        || "ready".equals(state()) && text("#window-note").startsWith("[" + from + ", " + to + ")"));
        assertThat(state()).as(text("#error")).isEqualTo("ready");
    }

    /** Marks the document in the browser, so that {@link #isSameDocument} tells whether the page was left since. */
    void markDocument() {
        ((JavascriptExecutor) driver).executeScript("window.dashboardPageMark = true;");
    }

    /** False once the browser went elsewhere (to the identity provider, say) and loaded the page anew. */
    boolean isSameDocument() {
        return Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript("return window.dashboardPageMark === true;"));
    }

    String state() {
        return body().getDomAttribute("data-state");
    }

    String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    /** How many elements match {@code css}. */
    int count(String css) {
        return driver.findElements(By.cssSelector(css)).size();
    }

    /** Displayed text of each row of a breakdown table (its numbers, not its row actions), keyed by the row's key. */
    Map<String, List<String>> table(String id) {
        return driver.findElements(By.cssSelector("#" + id + " tbody tr[data-key]")).stream().collect(Collectors.toMap(
                row -> row.getDomAttribute("data-key"),
                row -> row.findElements(By.cssSelector("td:not(.row-actions)")).stream().map(WebElement::getText)
                        .toList(),
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

    /** The text of an element once it contains {@code expected} (it fills in after an answer arrives). */
    String waitForText(String css, String expected) {
        wait.ignoring(org.openqa.selenium.NoSuchElementException.class)
                .withMessage(() -> css + " never said '" + expected + "'")
                .until(d -> text(css).contains(expected));
        return text(css);
    }

    void closeExplanation() {
        click("#explain-close");
    }

    /** Clicks what opens a list (a KPI's button, a count in a table) and returns the list's total once it is shown. */
    long openList(String css) {
        click(css);
        return listShown();
    }

    private long listShown() {
        WebElement dialog = driver.findElement(By.id("list-dialog"));
        wait.until(d -> List.of("ready", "error").contains(dialog.getDomAttribute("data-state")));
        assertThat(dialog.getDomAttribute("data-state")).as(text("#list-summary")).isEqualTo("ready");
        return Long.parseLong(dialog.getDomAttribute("data-total"));
    }

    /** The rows the list shows: submission id and community (empty for none). */
    List<Map<String, String>> listRows() {
        return driver.findElements(By.cssSelector("#list-table tbody tr")).stream()
                .map(row -> Map.of("id", row.getDomAttribute("data-id"), "community",
                        row.getDomAttribute("data-community")))
                .toList();
    }

    /**
     * Picks a submission's #id in the open list; returns its explanation once shown, failing unless it is where the
     * person looks: inside the window, with the focus on it.
     */
    String explainListedSubmission(int row) {
        click("#list-table tbody tr:nth-child(" + row + ") button");
        wait.until(d -> !text("#list-explanation").isBlank() && !text("#list-explanation").startsWith("Asking"));
        @SuppressWarnings("unchecked")
        var where = (Map<String, Object>) ((JavascriptExecutor) driver).executeScript(
                "const side = document.querySelector('#list-side'); const box = side.getBoundingClientRect();"
                        + "return {top: box.top, bottom: box.bottom, height: window.innerHeight,"
                        + " focused: document.activeElement === side};");
        assertThat(((Number) where.get("top")).doubleValue()).as("top of the explanation").isGreaterThanOrEqualTo(0);
        assertThat(((Number) where.get("top")).doubleValue()).as("top of the explanation, within the window")
                .isLessThan(((Number) where.get("height")).doubleValue() - 100);
        assertThat(where.get("focused")).as("the explanation has the focus").isEqualTo(true);
        return text("#list-explanation");
    }

    /** The header cells of a table, as shown (a count's header with what it counts by, on a second line). */
    List<String> headers(String id) {
        return driver.findElements(By.cssSelector("#" + id + " thead th:not(.row-actions)")).stream()
                .map(WebElement::getText).toList();
    }

    /** Chooses a grain in the Buckets select as a person does (the page reacts to the change). */
    void chooseGranularity(String granularity) {
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("granularity"))).selectByValue(granularity);
    }

    String value(String css) {
        return driver.findElement(By.cssSelector(css)).getDomProperty("value");
    }

    boolean isShown(String css) {
        return driver.findElement(By.cssSelector(css)).isDisplayed();
    }

    /** The window's size, as a person's screen would be. */
    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** The value of a JavaScript expression in the page. */
    Object evaluate(String expression) {
        return ((JavascriptExecutor) driver).executeScript("return " + expression + ";");
    }

    /** Runs a module function of the page in the browser: {@code script} ends by calling {@code done(result)}. */
    Object inBrowser(String script) {
        return ((JavascriptExecutor) driver).executeAsyncScript("const done = arguments[arguments.length - 1];" + script);
    }

    /** Exports the open list as the page does and returns the CSV it offers to save. */
    String exportList() {
        click("#list-export");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("list-download")));
        return (String) ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "document.querySelector('#list-download').blob.text().then(done);");
    }

    void closeList() {
        click("#list-close");
    }

    /** A metric's card on the Metrics panel, once computed: its value as written and as a number. */
    Map<String, String> metricCard(String key) {
        String css = "#metrics-cards [data-key='" + key + "']";
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css + " .value")));
        wait.until(d -> !text(css + " .value").equals("…"));
        WebElement value = driver.findElement(By.cssSelector(css + " .value"));
        return Map.of("text", value.getText(), "value", value.getDomAttribute("data-value"),
                "status", driver.findElement(By.cssSelector(css)).getDomAttribute("data-status"),
                "provenance", text(css + " .provenance"));
    }

    /**
     * Resizes the window to a phone's; returns the elements (outside tables that scroll on their own) still wider than
     * the screen once the page has laid itself out again (the chart resizes a moment later).
     */
    List<String> widerThanAPhone() {
        driver.manage().window().setSize(new Dimension(390, 844));
        String script = "return [...document.querySelectorAll('body *')].filter(e => "
                + "e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table-scroll'))"
                + ".map(e => e.tagName + '#' + e.id + '.' + e.className).slice(0, 10);";
        var wider = new java.util.ArrayList<String>();
        try {
            wait.until(d -> {
                wider.clear();
                @SuppressWarnings("unchecked")
                var found = (List<String>) ((JavascriptExecutor) d).executeScript(script);
                wider.addAll(found);
                return wider.isEmpty();
            });
        } catch (org.openqa.selenium.TimeoutException stillWider) {
            // the caller's assertion names them
        }
        return wider;
    }

    /**
     * With the keyboard alone: Tab until {@code css} has the focus (at most {@code presses} times), then Enter.
     */
    void pressEnterOn(String css, int presses) {
        var keyboard = new Actions(driver);
        for (int i = 0; i < presses; i++) {
            if (Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript(
                    "return document.activeElement && document.activeElement.matches(arguments[0]);", css))) {
                keyboard.sendKeys(Keys.ENTER).perform();
                return;
            }
            keyboard.sendKeys(Keys.TAB).perform();
        }
        throw new AssertionError(css + " never got the focus in " + presses + " presses of Tab");
    }

    /** After Enter on something that opens a list: the list's total. */
    long listOpenedByKeyboard() {
        return listShown();
    }

    /** Escape, as a keyboard user closes a dialog. */
    void pressEscape() {
        new Actions(driver).sendKeys(Keys.ESCAPE).perform();
    }

    void screenshot(Path file) throws IOException {
        browser.screenshot(file);
    }

    /** The whole page, not only what the window shows: the window grows to the page's height for the shot. */
    void screenshotWholePage(Path file) throws IOException {
        Dimension before = driver.manage().window().getSize();
        long height = (Long) ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollHeight;");
        driver.manage().window().setSize(new Dimension(before.getWidth(), (int) height + 160));
        try {
            screenshot(file);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    private WebElement body() {
        return driver.findElement(By.tagName("body"));
    }

    @Override
    public void close() {
        browser.close();
    }
}
