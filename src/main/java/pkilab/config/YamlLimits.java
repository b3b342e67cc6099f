package pkilab.config;

import java.io.StringReader;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import pkilab.BadInputException;

/**
 * The shape every YAML file of the lab must have before it is bound, checked on the parser's
 * events (no tree is built, so a 20,000-deep list costs nothing): one document, no tags, a
 * bounded depth and size. A parse error is left to the binding, which reports it with its
 * line and the parser's words.
 */
final class YamlLimits {
    private static final String STANDARD = "tag:yaml.org,2002:";

    private YamlLimits() {
    }

    static void check(String name, String text, int maxChars, int maxDepth, LoaderOptions options) {
        if (text.length() > maxChars) {
            throw new BadInputException(name + " has " + text.length() + " characters, too many for a YAML file of the lab (at most "
                    + maxChars + ")");
        }
        int depth = 0;
        int documents = 0;
        try {
            for (Event e : new Yaml(options).parse(new StringReader(text))) {
                if (e instanceof DocumentStartEvent && ++documents > 1) {
                    throw new BadInputException(at(name, e.getStartMark()) + ": a second YAML document ('---'): a file holds one"
                            + " document; remove it, or move it to a file of its own");
                }
                if (e instanceof NodeEvent) {
                    String tag = e instanceof ScalarEvent s ? s.getTag() : e instanceof CollectionStartEvent c ? c.getTag() : null;
                    if (tag != null) {
                        throw new BadInputException(at(name, e.getStartMark()) + ": tag '" + written(tag) + "' is not allowed: the lab's"
                                + " YAML holds plain values (text, numbers, lists, mappings); remove the tag");
                    }
                }
                if (e instanceof CollectionStartEvent && ++depth > maxDepth) {
                    throw new BadInputException(at(name, e.getStartMark()) + ": nested deeper than " + maxDepth
                            + " levels (a scenario needs six; is a bracket left open?)");
                }
                if (e instanceof CollectionEndEvent) {
                    depth--;
                }
            }
        } catch (MarkedYAMLException e) {
            return; // bad YAML: binding says where and what the parser found
        } catch (YAMLException e) {
            throw new BadInputException(name + ": not valid YAML: " + e.getMessage());
        }
    }

    /** A tag as it is written: {@code !!str} for YAML's own, else as given. */
    private static String written(String tag) {
        return tag.startsWith(STANDARD) ? "!!" + tag.substring(STANDARD.length()) : tag;
    }

    private static String at(String name, Mark mark) {
        return mark == null ? name : name + ":" + (mark.getLine() + 1);
    }
}
