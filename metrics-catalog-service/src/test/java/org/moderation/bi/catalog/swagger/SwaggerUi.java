package org.moderation.bi.catalog.swagger;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.moderation.bi.testsupport.HeadlessChromium;

/**
 * Swagger UI as an admin uses it, by what it shows: "Authorize" and the identity provider's login in the window it
 * opens, then an operation's "Try it out", its parameters and body, "Execute", and the status it answered.
 */
final class SwaggerUi implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final HeadlessChromium browser;
    private final WebDriver driver;
    private final WebDriverWait wait;

    private SwaggerUi(HeadlessChromium browser) {
        this.browser = browser;
        this.driver = browser.driver();
        this.wait = new WebDriverWait(driver, WAIT);
    }

    static SwaggerUi open(String url) throws IOException {
        var ui = new SwaggerUi(HeadlessChromium.start(1400, 1150));
        try {
            ui.driver.get(url);
            ui.wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.authorize")));
            return ui;
        } catch (RuntimeException e) {
            ui.close();
            throw e;
        }
    }

    /**
     * "Authorize", the authorization-code flow's own Authorize (client id and PKCE as the service configures them),
     * the login form in the window Swagger UI opens, and back: the dialog then offers to log out.
     */
    void authorize(String username, String password) {
        driver.findElement(By.cssSelector("button.authorize")).click();
        WebElement flow = wait.until(d -> d.findElements(By.cssSelector(".auth-container")).stream()
                .filter(c -> c.getText().contains("authorizationCode")).findFirst().orElse(null));
        String main = driver.getWindowHandle();
        Set<String> before = driver.getWindowHandles();
        flow.findElement(By.cssSelector("button.authorize")).click();
        String login = wait.until(d -> d.getWindowHandles().stream().filter(h -> !before.contains(h)).findFirst()
                .orElse(null));
        driver.switchTo().window(login);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("kc-login")).click();
        // The login window goes back to Swagger UI's redirect page, which hands the code over and closes itself.
        wait.withMessage("the login window did not close").until(d -> !d.getWindowHandles().contains(login));
        driver.switchTo().window(main);
        wait.withMessage("Swagger UI did not show the flow as authorized")
                .until(d -> d.findElements(By.cssSelector(".auth-container")).stream()
                        .anyMatch(c -> c.getText().contains("authorizationCode") && c.getText().contains("Logout")));
        driver.findElement(By.cssSelector(".modal-ux button.close-modal")).click();
    }

    /**
     * Opens the operation, "Try it out", fills its path parameters and JSON body (null: none), "Execute"; the status
     * Swagger UI shows for the answer.
     */
    int call(String method, String path, Map<String, String> parameters, String body) {
        WebElement operation = wait.until(d -> d.findElements(By.cssSelector(".opblock")).stream()
                .filter(o -> o.findElement(By.cssSelector(".opblock-summary-method")).getText().equals(method)
                        && o.findElement(By.cssSelector(".opblock-summary-path")).getDomAttribute("data-path")
                        .equals(path))
                .findFirst().orElse(null));
        scrollTo(operation);
        if (operation.findElements(By.cssSelector(".opblock-body")).isEmpty()) {
            operation.findElement(By.cssSelector(".opblock-summary-control")).click();
        }
        wait.until(d -> !operation.findElements(By.cssSelector("button.try-out__btn")).isEmpty());
        WebElement tryOut = operation.findElement(By.cssSelector("button.try-out__btn"));
        if (!tryOut.getText().contains("Cancel")) {
            tryOut.click();
        }
        parameters.forEach((name, value) -> {
            WebElement input = operation.findElement(By.cssSelector("tr[data-param-name='" + name + "'] input"));
            input.clear();
            input.sendKeys(value);
        });
        if (body != null) {
            WebElement text = wait.until(d -> operation.findElement(By.cssSelector("textarea.body-param__text")));
            text.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
            text.sendKeys(body);
        }
        WebElement execute = operation.findElement(By.cssSelector("button.execute"));
        scrollTo(execute);
        execute.click();
        WebElement status = wait.withMessage(method + " " + path + " showed no answer").until(d ->
                operation.findElements(By.cssSelector(".live-responses-table .response .response-col_status"))
                        .stream().findFirst().orElse(null));
        return Integer.parseInt(status.getText().strip().split("\\s+")[0]);
    }

    /** The body of the last answer Swagger UI showed. */
    String responseBody() {
        return driver.findElements(By.cssSelector(".live-responses-table .response-col_description .highlight-code")).stream()
                .map(WebElement::getText).reduce((first, last) -> last).orElse("");
    }

    void screenshot(Path file) throws IOException {
        browser.screenshot(file);
    }

    private void scrollTo(WebElement element) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    }

    @Override
    public void close() {
        browser.close();
    }
}
