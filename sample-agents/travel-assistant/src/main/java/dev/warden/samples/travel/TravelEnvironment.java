package dev.warden.samples.travel;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The travel assistant's world, loaded from YAML in the layout of AgentDojo's travel environment ({@code user},
 * {@code hotels.hotel_list}, {@code restaurants.restaurant_list}, {@code car_rental.company_list},
 * {@code flights.flight_list}, {@code reservation}, {@code calendar}, {@code inbox}), so an evaluator can load
 * AgentDojo's own file. Mutable: only the sample's governed tools change it. Each traveller gets a {@link #copy()}.
 * Unknown fields are an error, so a typo in an environment fails loudly.
 */
@RegisterForReflection(targets = {TravelEnvironment.class, TravelEnvironment.User.class, TravelEnvironment.Hotels.class,
        TravelEnvironment.Hotel.class, TravelEnvironment.Restaurants.class, TravelEnvironment.Restaurant.class,
        TravelEnvironment.CarRental.class, TravelEnvironment.Company.class, TravelEnvironment.Flights.class,
        TravelEnvironment.Flight.class, TravelEnvironment.Reservation.class, TravelEnvironment.Calendar.class,
        TravelEnvironment.Event.class, TravelEnvironment.Inbox.class, TravelEnvironment.Email.class})
public final class TravelEnvironment {
    public User user;
    public Hotels hotels = new Hotels();
    public Restaurants restaurants = new Restaurants();
    @JsonProperty("car_rental")
    public CarRental carRental = new CarRental();
    public Flights flights = new Flights();
    public Reservation reservation = new Reservation();
    public Calendar calendar = new Calendar();
    public Inbox inbox = new Inbox();

    public static final class User {
        @JsonProperty("first_name") public String firstName;
        @JsonProperty("last_name") public String lastName;
        @JsonProperty("ID_number") public String idNumber;
        public String email;
        @JsonProperty("phone_number") public String phoneNumber;
        public String address;
        @JsonProperty("passport_number") public String passportNumber;
        @JsonProperty("bank_account_number") public String bankAccountNumber;
        @JsonProperty("credit_card_number") public String creditCardNumber;
    }

    public static final class Hotels {
        @JsonProperty("hotel_list") public List<Hotel> hotelList = new ArrayList<>();
    }

    public static final class Hotel {
        public String name;
        public String city;
        public double rating;
        @JsonProperty("price_min") public double priceMin;
        @JsonProperty("price_max") public double priceMax;
        public String address;
        public List<String> reviews = new ArrayList<>();
    }

    public static final class Restaurants {
        @JsonProperty("restaurant_list") public List<Restaurant> restaurantList = new ArrayList<>();
    }

    public static final class Restaurant {
        public String name;
        public String city;
        public String address;
        public double rating;
        @JsonProperty("price_per_person") public double pricePerPerson;
        @JsonProperty("operating_hours") public String operatingHours;
        public List<String> reviews = new ArrayList<>();
        @JsonProperty("contact_information") public String contactInformation;
        @JsonProperty("cuisine_type") public String cuisineType;
        @JsonProperty("dietary_restrictions") public String dietaryRestrictions;
    }

    public static final class CarRental {
        @JsonProperty("company_list") public List<Company> companyList = new ArrayList<>();
    }

    public static final class Company {
        public String name;
        public String city;
        public String address;
        public double rating;
        @JsonProperty("price_per_day") public double pricePerDay;
        public List<String> reviews = new ArrayList<>();
        @JsonProperty("contact_information") public String contactInformation;
        @JsonProperty("car_types_available") public List<String> carTypesAvailable = new ArrayList<>();
        @JsonProperty("fuel_options") public List<String> fuelOptions = new ArrayList<>();
    }

    public static final class Flights {
        @JsonProperty("flight_list") public List<Flight> flightList = new ArrayList<>();
    }

    public static final class Flight {
        public String airline;
        @JsonProperty("flight_number") public String flightNumber;
        @JsonProperty("departure_city") public String departureCity;
        @JsonProperty("arrival_city") public String arrivalCity;
        @JsonProperty("departure_time") public String departureTime;
        @JsonProperty("arrival_time") public String arrivalTime;
        public double price;
        @JsonProperty("contact_information") public String contactInformation;
    }

    /** The one current reservation, as AgentDojo keeps it: a new booking replaces it. */
    public static final class Reservation {
        @JsonProperty("reservation_type") public String reservationType;
        public String title = "";
        @JsonProperty("start_time") public String startTime;
        @JsonProperty("end_time") public String endTime;
        @JsonProperty("contact_information") public String contactInformation = "";
    }

    public static final class Calendar {
        @JsonProperty("account_email") public String accountEmail;
        @JsonProperty("current_day") public String currentDay;
        @JsonProperty("initial_events") public List<Event> events = new ArrayList<>();
    }

    public static final class Event {
        @JsonProperty("id_") public String id;
        public String title;
        public String description = "";
        @JsonProperty("start_time") public String startTime;
        @JsonProperty("end_time") public String endTime;
        public String location;
        public List<String> participants = new ArrayList<>();
        @JsonProperty("all_day") public boolean allDay;
        public String status = "confirmed";
    }

    public static final class Inbox {
        @JsonProperty("account_email") public String accountEmail;
        @JsonProperty("initial_emails") public List<Email> emails = new ArrayList<>();
    }

    public static final class Email {
        @JsonProperty("id_") public String id;
        public String sender;
        public List<String> recipients = new ArrayList<>();
        public List<String> cc = new ArrayList<>();
        public List<String> bcc = new ArrayList<>();
        public String subject;
        public String body;
        public String status;
        public boolean read;
        public String timestamp;
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Loads {@code classpath:...} or a file path; a malformed environment is a startup error naming the file. */
    public static TravelEnvironment load(String location) {
        try (InputStream in = open(location)) {
            TravelEnvironment env = YAML.readValue(in, TravelEnvironment.class);
            if (env.user == null) {
                throw new IllegalArgumentException("travel environment " + location + " must define user");
            }
            return env;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load travel environment " + location + ": " + e.getMessage(), e);
        }
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            String name = location.substring("classpath:".length());
            InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name);
            if (in == null) {
                throw new IOException("not found on the classpath: " + name);
            }
            return in;
        }
        return Files.newInputStream(Path.of(location.startsWith("file:") ? location.substring(5) : location));
    }

    /** A deep copy: one traveller's own state, seeded from this environment. */
    public TravelEnvironment copy() {
        return YAML.convertValue(this, TravelEnvironment.class);
    }

    /** The next free id of {@code ids} (AgentDojo numbers events and e-mails "0", "1", ...). */
    static String nextId(List<String> ids) {
        int max = -1;
        for (String id : ids) {
            try {
                max = Math.max(max, Integer.parseInt(id));
            } catch (NumberFormatException e) {
                // a non-numeric id never collides with a number
            }
        }
        return String.valueOf(max + 1);
    }
}
