package dev.ideaforge.api.auth;

/** Register and login answer: a token pair and the user. */
record AuthResponse(String access, String refresh, UserJson user) {}
