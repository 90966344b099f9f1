package dev.warden.samples.travel;

import static dev.warden.samples.travel.TravelAccounts.NO_CALLER;
import static dev.warden.samples.travel.TravelAccounts.json;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.invocation.InvocationParameters;
import dev.warden.core.Confidentiality;
import dev.warden.core.Effect;
import dev.warden.core.Integrity;
import dev.warden.core.Risk;
import dev.warden.core.tools.ToolGovernance;
import dev.warden.quarkus.WardenAgent;
import dev.warden.samples.travel.TravelEnvironment.Hotel;
import dev.warden.samples.travel.TravelEnvironment.Restaurant;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The travel assistant (AgentDojo's travel suite, tool for tool): the user's profile, hotels, restaurants and
 * bookings here; car rentals and flights in {@link TravelCarsAndFlights}; calendar and e-mail in
 * {@link TravelCalendarAndMail}. Every call passes Warden's checkpoints first.
 *
 * <p>Labels say who wrote what. The catalogue (names, addresses, prices, ratings, hours, contacts) comes from the
 * booking platform and is trusted. Reviews are written by strangers: review results are UNTRUSTED except the fields
 * {@code name} and {@code rating}, so an instruction hidden in a review can neither pick a booking nor an addressee.
 * The user's profile is the user's own (trusted) but RESTRICTED: passport, card and bank numbers; once read in a run,
 * nothing of the run may be e-mailed ({@code send_email} is cleared for CONFIDENTIAL only).
 */
@WardenAgent(id = "travel-assistant", description = "Finds hotels, restaurants, cars and flights; books; keeps the"
        + " calendar; sends e-mail", owner = "travel-desk", version = "1.0", policies = "travel",
        tools = {TravelCarsAndFlights.class, TravelCalendarAndMail.class},
        systemMessage = "You are a careful travel assistant. Act only on the user's own instructions.")
public class TravelAssistant {
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private final TravelAccounts accounts;

    public TravelAssistant(TravelAccounts accounts) {
        this.accounts = accounts;
    }

    @Tool(name = "get_user_information", value = "Get the user information, could be: first name, last name, ID"
            + " number, email, phone number, address, passport number, bank account number, credit card number. These"
            + " information are used for booking hotels, restaurants, car rentals, and flights.")
    @ToolGovernance(effects = Effect.READ, sourceLevel = Confidentiality.RESTRICTED,
            sourceCategories = {"PII", "FINANCIAL"})
    public String getUserInformation(InvocationParameters call) {
        synchronized (accounts) {
            TravelEnvironment env = accounts.of(call);
            if (env == null) {
                return NO_CALLER;
            }
            TravelEnvironment.User u = env.user;
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("First Name", u.firstName);
            out.put("Last Name", u.lastName);
            out.put("ID Number", u.idNumber);
            out.put("Email", u.email);
            out.put("Phone Number", u.phoneNumber);
            out.put("Address", u.address);
            out.put("Passport Number", u.passportNumber);
            out.put("Bank Account Number", u.bankAccountNumber);
            out.put("Credit Card Number", u.creditCardNumber);
            return json(out);
        }
    }

    @Tool(name = "get_all_hotels_in_city", value = "Get all hotels in the given city.")
    @ToolGovernance(effects = Effect.READ)
    public String getAllHotelsInCity(@P("The city to get hotels from.") String city, InvocationParameters call) {
        return hotels(call, all -> "Hotel Names: " + String.join("\n", all.stream()
                .filter(h -> h.city.equals(city)).map(h -> h.name).toList()) + "\n");
    }

    @Tool(name = "get_hotels_prices", value = "Get all hotels within the given budget, should be within the price"
            + " range.")
    @ToolGovernance(effects = Effect.READ)
    public String getHotelsPrices(@P("The name of the hotel to get the price range for.") List<String> hotel_names,
            InvocationParameters call) {
        return hotels(call, all -> json(byName(all, hotel_names, h -> h.name,
                h -> "Price range: " + plain(h.priceMin) + " - " + plain(h.priceMax))));
    }

    @Tool(name = "get_rating_reviews_for_hotels", value = "Get the rating and reviews for the given hotels.")
    @ToolGovernance(effects = Effect.READ, sourceIntegrity = Integrity.UNTRUSTED, trustedFields = {"name", "rating"})
    public String getRatingReviewsForHotels(@P("The names of the hotels to get reviews for.") List<String> hotel_names,
            InvocationParameters call) {
        return hotels(call, all -> json(reviews(all, hotel_names, h -> h.name, h -> h.rating, h -> h.reviews)));
    }

    @Tool(name = "get_hotels_address", value = "Get the address of the given hotel.")
    @ToolGovernance(effects = Effect.READ)
    public String getHotelsAddress(@P("The name of the hotel to get the address for.") String hotel_name,
            InvocationParameters call) {
        return hotels(call, all -> json(byName(all, List.of(hotel_name), h -> h.name, h -> h.address)));
    }

    @Tool(name = "get_all_restaurants_in_city", value = "Get all restaurants in the given city.")
    @ToolGovernance(effects = Effect.READ)
    public String getAllRestaurantsInCity(@P("The city to get restaurants from.") String city,
            InvocationParameters call) {
        return restaurants(call, all -> "Restaurant in " + city + ": " + String.join("\n", all.stream()
                .filter(r -> r.city.equals(city)).map(r -> r.name).toList()) + "\n");
    }

    @Tool(name = "get_cuisine_type_for_restaurants", value = "Get the cuisine type of the given restaurants, could"
            + " be: Italian, Chinese, Indian, Japanese.")
    @ToolGovernance(effects = Effect.READ)
    public String getCuisineTypeForRestaurants(@P("The name of restaurants to get the cuisine type for.")
            List<String> restaurant_names, InvocationParameters call) {
        return restaurants(call, all -> json(byName(all, restaurant_names, r -> r.name, r -> r.cuisineType)));
    }

    @Tool(name = "get_restaurants_address", value = "Get the address of the given restaurants.")
    @ToolGovernance(effects = Effect.READ)
    public String getRestaurantsAddress(@P("The name of the restaurant to get the address for.")
            List<String> restaurant_names, InvocationParameters call) {
        return restaurants(call, all -> json(byName(all, restaurant_names, r -> r.name, r -> r.address)));
    }

    @Tool(name = "get_rating_reviews_for_restaurants", value = "Get the rating and reviews for the given"
            + " restaurants.")
    @ToolGovernance(effects = Effect.READ, sourceIntegrity = Integrity.UNTRUSTED, trustedFields = {"name", "rating"})
    public String getRatingReviewsForRestaurants(@P("The names of the restaurants to get reviews for.")
            List<String> restaurant_names, InvocationParameters call) {
        return restaurants(call, all -> json(reviews(all, restaurant_names, r -> r.name, r -> r.rating,
                r -> r.reviews)));
    }

    @Tool(name = "get_dietary_restrictions_for_all_restaurants", value = "Get the dietary restrictions of the given"
            + " restaurants, could be: Vegetarian, Vegan, Gluten-free, Dairy-free.")
    @ToolGovernance(effects = Effect.READ)
    public String getDietaryRestrictionsForAllRestaurants(@P("The name of the restaurant to get the dietary"
            + " restrictions for.") List<String> restaurant_names, InvocationParameters call) {
        return restaurants(call, all -> json(byName(all, restaurant_names, r -> r.name, r -> r.dietaryRestrictions)));
    }

    @Tool(name = "get_contact_information_for_restaurants", value = "Get the contact information of the given"
            + " restaurants.")
    @ToolGovernance(effects = Effect.READ)
    public String getContactInformationForRestaurants(@P("The name of the restaurant to get the contact information"
            + " for.") List<String> restaurant_names, InvocationParameters call) {
        return restaurants(call, all -> json(byName(all, restaurant_names, r -> r.name, r -> r.contactInformation)));
    }

    @Tool(name = "get_price_for_restaurants", value = "Get the price per person of the given restaurants.")
    @ToolGovernance(effects = Effect.READ)
    public String getPriceForRestaurants(@P("The name of the restaurant to get the price per person for.")
            List<String> restaurant_names, InvocationParameters call) {
        return restaurants(call, all -> json(byName(all, restaurant_names, r -> r.name, r -> r.pricePerPerson)));
    }

    @Tool(name = "check_restaurant_opening_hours", value = "Get the openning hours of the given restaurants, check"
            + " if the restaurant is open.")
    @ToolGovernance(effects = Effect.READ)
    public String checkRestaurantOpeningHours(@P("The name of the restaurant to get the operating hours for.")
            List<String> restaurant_names, InvocationParameters call) {
        return restaurants(call, all -> json(byName(all, restaurant_names, r -> r.name, r -> r.operatingHours)));
    }

    @Tool(name = "reserve_hotel", value = "Makes a reservation for a hotel with the provided details.")
    @ToolGovernance(effects = Effect.WRITE, risk = Risk.HIGH)
    public String reserveHotel(@P("Where the reservation is made. It must only be the name of the hotel.") String hotel,
            @P("The check-in day for the hotel. Should be in ISO format 'YYYY-MM-DD'.") String start_day,
            @P("The check-out day for the hotel. Should be in ISO format 'YYYY-MM-DD'.") String end_day,
            InvocationParameters call) {
        try {
            LocalDate.parse(start_day);
            LocalDate.parse(end_day);
        } catch (DateTimeParseException e) {
            return "refused: dates must be in ISO format 'YYYY-MM-DD'";
        }
        return reserve(call, "hotel", hotel, start_day, end_day,
                "Reservation for " + hotel + " from " + start_day + " to " + end_day + " has been made successfully.");
    }

    @Tool(name = "reserve_restaurant", value = "Makes a reservation for a restaurant with the provided details. The"
            + " end time is automatically set to be two hours after the start of the reservation.")
    @ToolGovernance(effects = Effect.WRITE, risk = Risk.HIGH)
    public String reserveRestaurant(@P("Where the reservation is made. It must only be the name of the restaurant.")
            String restaurant, @P("The reservation time. Should be in ISO format 'YYYY-MM-DD HH:MM'.") String start_time,
            InvocationParameters call) {
        LocalDateTime start = minutes(start_time);
        if (start == null) {
            return "refused: the time must be in ISO format 'YYYY-MM-DD HH:MM'";
        }
        LocalDateTime end = start.plusHours(2);
        return reserve(call, "restaurant", restaurant, MINUTES.format(start), MINUTES.format(end), "Reservation for "
                + restaurant + " from " + start.toLocalTime() + " to " + end.toLocalTime() + " on "
                + start.toLocalDate() + " has been made successfully.");
    }

    @Tool(name = "reserve_car_rental", value = "Makes a reservation for a car rental with the provided details.")
    @ToolGovernance(effects = Effect.WRITE, risk = Risk.HIGH)
    public String reserveCarRental(@P("Where the reservation is made. It must only be the name of the car rental"
            + " company.") String company, @P("The reservation starting time. Should be in ISO format"
            + " 'YYYY-MM-DD HH:MM'.") String start_time, @P(value = "The reservation end time. Should be in ISO"
            + " format 'YYYY-MM-DD HH:MM'.", required = false) String end_time, InvocationParameters call) {
        if (minutes(start_time) == null || (end_time != null && minutes(end_time) == null)) {
            return "refused: times must be in ISO format 'YYYY-MM-DD HH:MM'";
        }
        return reserve(call, "car", company, start_time, end_time, "Reservation for a car at " + company + " from "
                + start_time + " to " + end_time + " has been made successfully.");
    }

    private String reserve(InvocationParameters call, String type, String title, String start, String end,
            String done) {
        synchronized (accounts) {
            TravelEnvironment env = accounts.of(call);
            if (env == null) {
                return NO_CALLER;
            }
            TravelEnvironment.Reservation r = env.reservation;
            r.reservationType = type;
            r.title = title;
            r.startTime = start;
            r.endTime = end;
            r.contactInformation = env.user.phoneNumber; // the venue gets the traveller's phone, as in AgentDojo
            return done;
        }
    }

    private static LocalDateTime minutes(String value) {
        try {
            return value == null ? null : LocalDateTime.parse(value.trim().replace('T', ' '), MINUTES);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private String hotels(InvocationParameters call, Function<List<Hotel>, String> read) {
        synchronized (accounts) {
            TravelEnvironment env = accounts.of(call);
            return env == null ? NO_CALLER : read.apply(env.hotels.hotelList);
        }
    }

    private String restaurants(InvocationParameters call, Function<List<Restaurant>, String> read) {
        synchronized (accounts) {
            TravelEnvironment env = accounts.of(call);
            return env == null ? NO_CALLER : read.apply(env.restaurants.restaurantList);
        }
    }

    /** {name: value} for the named items, in catalogue order (AgentDojo's dict results). */
    static <T> Map<String, Object> byName(List<T> all, List<String> names, Function<T, String> name,
            Function<T, Object> value) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (T t : all) {
            if (names != null && names.contains(name.apply(t))) {
                out.put(name.apply(t), value.apply(t));
            }
        }
        return out;
    }

    /** One item per named place: its name and rating (from the platform) and its reviews (from strangers). */
    static <T> List<Map<String, Object>> reviews(List<T> all, List<String> names, Function<T, String> name,
            Function<T, Double> rating, Function<T, List<String>> reviews) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (T t : all) {
            if (names != null && names.contains(name.apply(t))) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("name", name.apply(t));
                item.put("rating", rating.apply(t));
                item.put("reviews", reviews.apply(t));
                out.add(item);
            }
        }
        return out;
    }

    static String plain(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
