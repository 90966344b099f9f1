package dev.warden.quarkus.console;

import dev.warden.quarkus.api.ApiProblem;
import java.util.List;

/**
 * The one value of a console form field. A field given twice ({@code decision=deny&decision=approve}) is refused
 * rather than read first-wins: a proxy, a WAF or a request log in front may read the other value, as with a JSON key
 * given twice (decision 0056, 0060).
 */
final class FormFields {
    private FormFields() {}

    /** The field's value, {@code null} when absent; a 400 {@link ConsoleCodes#BAD_FORM} when it is given twice. */
    static String one(List<String> values, String field) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new ApiProblem(400, ConsoleCodes.BAD_FORM, "the form field '" + field + "' is given "
                    + values.size() + " times; send it once");
        }
        return values.get(0);
    }
}
