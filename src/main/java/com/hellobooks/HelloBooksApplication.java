package com.hellobooks;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;

// No users, passwords or logins: a caller is anonymous or brings a JWT (see security/). Without
// the exclusion, setting spring.security.user.name would bring back an in-memory user that
// nothing can log in as, and Spring Boot logs a generated password whenever it creates one.
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
public class HelloBooksApplication {

    public static void main(String[] args) {
        SpringApplication.run(HelloBooksApplication.class, args);
    }
}
