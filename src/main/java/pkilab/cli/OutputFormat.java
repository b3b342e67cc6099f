package pkilab.cli;

/** Output of listing commands: for people, or for machines. */
public enum OutputFormat {
    text, json
}
