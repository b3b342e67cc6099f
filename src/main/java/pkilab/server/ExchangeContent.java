package pkilab.server;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import pkilab.BadInputException;
import pkilab.config.ConfigDir;

/**
 * The canned answers of the lab's "Exchange", read once from {@code server/}: the EWS
 * GetFolder response and WSDL, the Autodiscover answer, the OWA page and the image the
 * dashboard loads to check a site from the browser.
 *
 * <p>Templates carry {@code {ewsUrl}}, {@code {host}} and {@code {site}}, filled per request.
 */
public record ExchangeContent(String getFolderResponse, String servicesWsdl, String autodiscover, String owaPage,
                              byte[] checkImage) {

    public static ExchangeContent load(Path serverDir) {
        return new ExchangeContent(
                text(serverDir.resolve("ews/GetFolderResponse.xml")),
                text(serverDir.resolve("ews/Services.wsdl")),
                text(serverDir.resolve("autodiscover/autodiscover.xml")),
                text(serverDir.resolve("owa/index.html")),
                bytes(serverDir.resolve("owa/check.gif")));
    }

    private static String text(Path p) {
        return new String(bytes(p), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(Path p) {
        if (!Files.exists(p)) {
            throw new BadInputException(ConfigDir.display(p) + ": no such file (the server's canned responses live in server/)");
        }
        return pkilab.InputFiles.read(p, pkilab.InputFiles.Kind.PAGE, ConfigDir.display(p));
    }
}
