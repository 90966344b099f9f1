package dev.warden.redteam;

import dev.warden.samples.travel.TravelAccounts;
import dev.warden.samples.travel.TravelAssistant;
import dev.warden.samples.travel.TravelCalendarAndMail;
import dev.warden.samples.travel.TravelCarsAndFlights;
import dev.warden.samples.travel.TravelEnvironment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fresh travel world per run: the scenario's base environment with its overrides deep-merged on top, the injection
 * placeholder filled in, written to a temporary file and loaded by the travel sample's real tool beans, so the tools
 * and their governance annotations are exactly the shipped ones.
 */
final class TravelWorld {
    /** Environment key naming the base environment on the classpath instead of the sample's. */
    static final String BASE = "_base";

    final TravelAccounts accounts;
    final List<Object> tools;
    /** The state before the run, loaded separately from the same file. */
    final TravelEnvironment initial;

    private TravelWorld(TravelAccounts accounts, TravelEnvironment initial) {
        this.accounts = accounts;
        this.tools = List.of(new TravelAssistant(accounts), new TravelCarsAndFlights(accounts),
                new TravelCalendarAndMail(accounts));
        this.initial = initial;
    }

    /** The world of the traveller the runs act for. */
    TravelEnvironment env() {
        return accounts.environment(TravelTarget.USER.tenant(), TravelTarget.USER.id());
    }

    static TravelWorld create(Scenario s, String injectionText) {
        Map<String, Object> over = new LinkedHashMap<>(s.environment());
        Object baseName = over.remove(BASE);
        Map<String, Object> tree = BankingWorld.merge(AgentDojoData.read(baseName == null ? "travel/environment.yaml"
                : String.valueOf(baseName)), over);
        String location = AgentDojoData.environmentFile(s.id(), ScenarioText.fill(tree, injectionText));
        return new TravelWorld(TravelAccounts.of(location), TravelEnvironment.load(location));
    }
}
