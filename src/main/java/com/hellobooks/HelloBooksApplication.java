package com.hellobooks;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class HelloBooksApplication {

    public static void main(String[] args) {
        SpringApplication.run(HelloBooksApplication.class, args);
    }
}
