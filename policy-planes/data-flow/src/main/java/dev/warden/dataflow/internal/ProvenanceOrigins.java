package dev.warden.dataflow.internal;

import dev.warden.core.ArgumentOrigin;
import dev.warden.core.Labels;
import java.util.ArrayList;
import java.util.List;

/** Provenance traces as the core's {@link ArgumentOrigin}s, so approvers and confirming users see where values came from. */
public final class ProvenanceOrigins {
    /** Source named for a value found in the user's request. */
    public static final String USER_REQUEST = "user request";

    private ProvenanceOrigins() {}

    public static List<ArgumentOrigin> of(List<ArgumentProvenance.Trace> traces) {
        List<ArgumentOrigin> out = new ArrayList<>(traces.size());
        for (ArgumentProvenance.Trace t : traces) {
            String argument = t.candidate().argument();
            if (t.inUserInput()) {
                out.add(new ArgumentOrigin(argument, ArgumentOrigin.USER, USER_REQUEST, Labels.PUBLIC));
                continue;
            }
            RunLedger.Sighting s = t.sighting();
            out.add(switch (s.origin()) {
                // the labels of the content the value was found in: an approver must not read a customer list
                // copied from a CONFIDENTIAL/PII query result as PUBLIC (session 12 outside probe)
                case TRUSTED -> new ArgumentOrigin(argument, ArgumentOrigin.TRUSTED, s.source(), s.labels());
                case UNTRUSTED_ONLY -> new ArgumentOrigin(argument, ArgumentOrigin.UNTRUSTED, s.source(),
                        s.labels());
                case NOWHERE -> new ArgumentOrigin(argument, ArgumentOrigin.UNKNOWN, null, null);
            });
        }
        return out;
    }
}
