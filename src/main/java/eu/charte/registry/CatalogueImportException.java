package eu.charte.registry;

import java.util.List;

/** A catalogue file that cannot be imported; nothing was changed. Each problem reads "line N: reason". */
public class CatalogueImportException extends Exception {

    private final List<String> problems;

    CatalogueImportException(List<String> problems) {
        super(problems.isEmpty() ? "cannot import" : problems.get(0)
                + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in file order. */
    public List<String> problems() {
        return problems;
    }
}
