package pkilab.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import pkilab.BadInputException;

/**
 * One YAML file of the lab's configuration (a CA profile, a scenario, the server settings),
 * read strictly: unknown fields and bad values are errors that name the file, the line and
 * the field, so a typo in {@code scenarios/expired.yaml} reads
 * {@code scenarios/expired.yaml:7: field 'server.notAfter': bad time 'yesterday' (…)}.
 *
 * <p>Validation that happens after binding calls {@link #fail(String, String)} with the
 * dotted field path; the line is looked up in the YAML node tree.
 *
 * <p>What the lab's YAML can hold is plain data, one document a file, a few levels deep, and
 * a few kilobytes: anything else is refused before it is bound, with its own words — a file
 * over {@link #MAX_CHARS} characters, nesting deeper than {@link #MAX_DEPTH}, a tag such as
 * {@code !!javax.script.ScriptEngineManager} (YAML's way of asking for an object of a named
 * class), a second document after {@code ---}, and numbers or booleans where text (a name)
 * is expected.
 */
public final class YamlDoc {
    /** The most characters a YAML file of the lab may have (the largest shipped one is under 10,000). */
    public static final int MAX_CHARS = 1 << 20;
    /** The deepest nesting of mappings and lists (a scenario needs six). */
    public static final int MAX_DEPTH = 32;

    private static final ObjectMapper MAPPER = strict(new ObjectMapper(YAMLFactory.builder()
            .loaderOptions(loaderOptions())
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .findAndRegisterModules());

    /** A name written {@code 1}, {@code 1.5} or {@code true} is a number or a boolean to YAML: text must be text. */
    private static ObjectMapper strict(ObjectMapper m) {
        m.coercionConfigFor(com.fasterxml.jackson.databind.type.LogicalType.Textual)
                .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.Integer, com.fasterxml.jackson.databind.cfg.CoercionAction.Fail)
                .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.Float, com.fasterxml.jackson.databind.cfg.CoercionAction.Fail)
                .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.Boolean, com.fasterxml.jackson.databind.cfg.CoercionAction.Fail);
        return m;
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions o = new LoaderOptions();
        o.setCodePointLimit(MAX_CHARS);
        o.setNestingDepthLimit(MAX_DEPTH + 1);
        o.setAllowDuplicateKeys(false);
        o.setMaxAliasesForCollections(20);
        return o;
    }

    private final String name;
    private final String text;
    private Node tree;

    private YamlDoc(String name, String text) {
        this.name = name;
        this.text = text;
        YamlLimits.check(name, text, MAX_CHARS, MAX_DEPTH, loaderOptions());
    }

    /** Reads a file; {@code name} is how messages call it (a path relative to where the user stands). */
    public static YamlDoc read(Path file, String name) {
        return new YamlDoc(name, pkilab.InputFiles.readUtf8(file, pkilab.InputFiles.Kind.YAML, name));
    }

    /** The document's text as read. */
    public String text() {
        return text;
    }

    public static YamlDoc of(String name, String text) {
        return new YamlDoc(name, text);
    }

    public String name() {
        return name;
    }

    /** Binds the whole document to {@code type}; any mismatch becomes a located {@link BadInputException}. */
    public <T> T bind(Class<T> type) {
        try {
            T value = MAPPER.readValue(text, type);
            if (value == null) {
                throw new BadInputException(name + ": the file is empty");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw located(e, "unknown field '" + e.getPropertyName() + "'"
                    + (known.isEmpty() ? "" : " (known fields: " + known + ")"));
        } catch (MismatchedInputException e) {
            if (tree() == null) {
                // nothing but comments and blank lines: the document has no node at all
                throw new BadInputException(name + ": the file is empty");
            }
            Throwable root = rootCause(e);
            if (root instanceof BadInputException) {
                throw located(e, firstLine(root.getMessage()));
            }
            if (e.getTargetType() == String.class && nodeAt(e.getPath()) instanceof ScalarNode sc && sc.getScalarStyle() == org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN) {
                throw located(e, "expected text, found " + sc.getValue() + ", which YAML reads as a " + (sc.getValue().matches("(?i)true|false") ? "boolean" : "number")
                        + " (write it in quotes: '" + sc.getValue() + "')");
            }
            throw located(e, "expected " + expected(e.getTargetType()) + ", found " + found(e));
        } catch (JsonMappingException e) {
            Throwable root = rootCause(e);
            String why = root instanceof BadInputException ? root.getMessage() : e.getOriginalMessage();
            String twice = duplicateField(why);
            if (twice != null) {
                String parent = pathOf(e.getPath());
                throw twice(e, parent.isEmpty() ? twice : parent + "." + twice);
            }
            throw located(e, firstLine(why));
        } catch (JsonProcessingException e) {
            String twice = duplicateField(e.getOriginalMessage());
            if (twice != null) {
                throw twice(e, twice);
            }
            String problem = "not valid YAML: " + yamlProblem(e.getOriginalMessage());
            int line = problemLine(e);
            throw line > 0 ? new BadInputException(name + ":" + line + ": " + problem) : located(e, problem);
        }
    }

    /** The line SnakeYAML points at as the problem (Jackson's location is where the token began). */
    private static int problemLine(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof MarkedYAMLException m && m.getProblemMark() != null) {
                return m.getProblemMark().getLine() + 1;
            }
        }
        return 0;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /** The name in Jackson's "Duplicate field 'x'", or null for any other message. */
    private static String duplicateField(String message) {
        String prefix = "Duplicate field '";
        if (message == null || !message.startsWith(prefix)) {
            return null;
        }
        int end = message.indexOf('\'', prefix.length());
        return end < 0 ? null : message.substring(prefix.length(), end);
    }

    private BadInputException twice(JsonProcessingException e, String fieldPath) {
        return new BadInputException(where(e) + ": field '" + fieldPath + "' is given twice (which one is meant?)");
    }

    /** What a field of {@code type} holds, in the words of the YAML a person writes. */
    private static String expected(Class<?> type) {
        if (type == null) {
            return "another kind of value";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type == String.class || type.isEnum()) {
            return "a single value";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        return "a mapping of fields (name: value)";
    }

    /** What the document holds where {@code e} happened, read from the YAML node tree. */
    private String found(MismatchedInputException e) {
        Node node = nodeAt(e.getPath());
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof ScalarNode sc && !sc.getValue().isEmpty() && !sc.getValue().equals("~") && !sc.getValue().equals("null")) {
            String v = sc.getValue().length() > 40 ? sc.getValue().substring(0, 40) + "…" : sc.getValue();
            return "'" + v + "'" + (Collection.class.isAssignableFrom(e.getTargetType() == null ? Object.class : e.getTargetType())
                    || (e.getTargetType() != null && e.getTargetType().isArray()) ? " (a list of one is written [" + v + "])" : "");
        }
        return "nothing";
    }

    private Node nodeAt(List<JsonMappingException.Reference> refs) {
        Node node = tree();
        for (JsonMappingException.Reference r : refs) {
            if (node == null) {
                return null;
            }
            if (r.getFieldName() != null) {
                node = child(node, r.getFieldName());
            } else if (r.getIndex() >= 0 && node instanceof SequenceNode seq && r.getIndex() < seq.getValue().size()) {
                node = seq.getValue().get(r.getIndex());
            } else {
                return null;
            }
        }
        return node;
    }

    /** SnakeYAML says what it was doing, then what it found: "while scanning…", "found character…". */
    private static String yamlProblem(String message) {
        if (message == null) {
            return "cannot be parsed";
        }
        // each " in 'reader', line L, column C:" is followed by the source line and a caret line
        List<String> words = new java.util.ArrayList<>();
        List<String> lines = message.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.startsWith("in 'reader'") || l.startsWith("in 'string'")) {
                i += 2;
            } else if (!l.isEmpty()) {
                words.add(l);
            }
        }
        return words.isEmpty() ? "cannot be parsed" : String.join(": ", words).replace("\\t(TAB)", "tab");
    }

    /** {@code NAME:LINE} where Jackson stopped, or the name alone when it does not say. */
    private String where(JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        return loc == null || loc.getLineNr() < 1 ? name : name + ":" + loc.getLineNr();
    }

    private BadInputException located(JsonProcessingException e, String message) {
        String where = where(e);
        String field = "";
        if (e instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
            field = " field '" + pathOf(jme.getPath()) + "':";
        }
        return new BadInputException(where + ":" + field + " " + message);
    }

    private static String pathOf(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "invalid value";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** A validation error at a dotted field path such as {@code leaf.profiles.webserver.key} or {@code names[2]}. */
    public BadInputException fail(String fieldPath, String message) {
        int line = lineOf(fieldPath);
        return new BadInputException(name + (line > 0 ? ":" + line : "") + ": field '" + fieldPath + "': " + message);
    }

    /** 1-based line of a dotted field path, or of its nearest existing parent; 0 if unknown. */
    public int lineOf(String fieldPath) {
        Node[] found = walk(fieldPath);
        return found[1] == null ? 0 : found[1].getStartMark().getLine() + 1;
    }

    /** Whether the document writes the field at a dotted path such as {@code clients[2].aiaFetch}. */
    public boolean has(String fieldPath) {
        return walk(fieldPath)[0] != null;
    }

    /** The node at {@code fieldPath} (null when it is not there) and the nearest node on the way to it. */
    private Node[] walk(String fieldPath) {
        Node node = tree();
        if (node == null) {
            return new Node[2];
        }
        for (String part : fieldPath.split("\\.")) {
            String key = part;
            int index = -1;
            int br = part.indexOf('[');
            if (br >= 0) {
                key = part.substring(0, br);
                index = Integer.parseInt(part.substring(br + 1, part.indexOf(']')));
            }
            Node next = key.isEmpty() ? node : child(node, key);
            if (next == null) {
                return new Node[] {null, node};
            }
            if (index >= 0) {
                if (!(next instanceof SequenceNode seq) || index >= seq.getValue().size()) {
                    return new Node[] {null, next};
                }
                next = seq.getValue().get(index);
            }
            node = next;
        }
        return new Node[] {node, node};
    }

    private static Node child(Node node, String key) {
        if (node instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                    return t.getValueNode();
                }
            }
        }
        return null;
    }

    private Node tree() {
        if (tree == null) {
            try {
                tree = new Yaml(loaderOptions()).compose(new StringReader(text));
            } catch (RuntimeException e) {
                return null;
            }
        }
        return tree;
    }
}
