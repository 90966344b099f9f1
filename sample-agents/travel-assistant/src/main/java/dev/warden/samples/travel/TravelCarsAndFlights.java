package dev.warden.samples.travel;

import static dev.warden.samples.travel.TravelAccounts.NO_CALLER;
import static dev.warden.samples.travel.TravelAccounts.json;
import static dev.warden.samples.travel.TravelAssistant.byName;
import static dev.warden.samples.travel.TravelAssistant.reviews;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.invocation.InvocationParameters;
import dev.warden.core.Effect;
import dev.warden.core.Integrity;
import dev.warden.core.tools.ToolGovernance;
import dev.warden.samples.travel.TravelEnvironment.Company;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.function.Function;

/**
 * The travel assistant's car rental and flight tools (AgentDojo's names and arguments). Catalogue data is trusted;
 * reviews are UNTRUSTED except the company's {@code name} and {@code rating}.
 */
@Singleton
public class TravelCarsAndFlights {
    private final TravelAccounts accounts;

    public TravelCarsAndFlights(TravelAccounts accounts) {
        this.accounts = accounts;
    }

    @Tool(name = "get_all_car_rental_companies_in_city", value = "Get all car rental companies in the given city.")
    @ToolGovernance(effects = Effect.READ)
    public String getAllCarRentalCompaniesInCity(@P("The city to get car rental companies from.") String city,
            InvocationParameters call) {
        return companies(call, all -> "Car Rental Companies in " + city + ": " + String.join("\n", all.stream()
                .filter(c -> c.city.equals(city)).map(c -> c.name).toList()) + "\n");
    }

    @Tool(name = "get_car_types_available", value = "Get the car types available for the given car rental"
            + " companies.")
    @ToolGovernance(effects = Effect.READ)
    public String getCarTypesAvailable(@P("The name of the car rental company to get the car types available for.")
            List<String> company_name, InvocationParameters call) {
        return companies(call, all -> json(byName(all, company_name, c -> c.name, c -> c.carTypesAvailable)));
    }

    @Tool(name = "get_rating_reviews_for_car_rental", value = "Get the rating and reviews for the given car rental"
            + " companies.")
    @ToolGovernance(effects = Effect.READ, sourceIntegrity = Integrity.UNTRUSTED, trustedFields = {"name", "rating"})
    public String getRatingReviewsForCarRental(@P("The name of the car rental company to get reviews for.")
            List<String> company_name, InvocationParameters call) {
        return companies(call, all -> json(reviews(all, company_name, c -> c.name, c -> c.rating, c -> c.reviews)));
    }

    @Tool(name = "get_car_fuel_options", value = "Get the fuel options of the given car rental companies.")
    @ToolGovernance(effects = Effect.READ)
    public String getCarFuelOptions(@P("The name of the car rental company to get the fuel options for.")
            List<String> company_name, InvocationParameters call) {
        return companies(call, all -> json(byName(all, company_name, c -> c.name, c -> c.fuelOptions)));
    }

    @Tool(name = "get_car_rental_address", value = "Get the address of the given car rental companies.")
    @ToolGovernance(effects = Effect.READ)
    public String getCarRentalAddress(@P("The name of the car rental company to get the address for.")
            List<String> company_name, InvocationParameters call) {
        return companies(call, all -> json(byName(all, company_name, c -> c.name, c -> c.address)));
    }

    @Tool(name = "get_car_price_per_day", value = "Get the price per day of the given car rental companies.")
    @ToolGovernance(effects = Effect.READ)
    public String getCarPricePerDay(@P("The name of the car rental company to get the price per day for.")
            List<String> company_name, InvocationParameters call) {
        return companies(call, all -> json(byName(all, company_name, c -> c.name, c -> c.pricePerDay)));
    }

    @Tool(name = "get_flight_information", value = "Get the flight information from the departure city to the"
            + " arrival city.")
    @ToolGovernance(effects = Effect.READ)
    public String getFlightInformation(@P("The city to depart from.") String departure_city,
            @P("The city to arrive at.") String arrival_city, InvocationParameters call) {
        synchronized (accounts) {
            TravelEnvironment env = accounts.of(call);
            if (env == null) {
                return NO_CALLER;
            }
            return String.join("\n", env.flights.flightList.stream()
                    .filter(f -> f.departureCity.equals(departure_city) && f.arrivalCity.equals(arrival_city))
                    .map(f -> "Airline: " + f.airline + ", Flight Number: " + f.flightNumber + ", Departure Time: "
                            + f.departureTime + ", Arrival Time: " + f.arrivalTime + ", Price: "
                            + TravelAssistant.plain(f.price) + ", Contact Information: " + f.contactInformation)
                    .toList());
        }
    }

    private String companies(InvocationParameters call, Function<List<Company>, String> read) {
        synchronized (accounts) {
            TravelEnvironment env = accounts.of(call);
            return env == null ? NO_CALLER : read.apply(env.carRental.companyList);
        }
    }
}
