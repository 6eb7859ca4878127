package dev.ideaforge.api.realtime;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The job sockets ({@code ideaforge.ws}).
 *
 * @param allowTokenQuery accept {@code ?token=<access>} (browsers cannot set headers on a socket);
 *     off by default, on in the dev profile
 * @param maxMessageBytes largest text frame a client may send; larger closes with 1009
 * @param messagesPerSecond sustained client messages per second per socket (bursts of twice that)
 * @param maxSocketsPerUser open sockets one user may hold on one server
 * @param sendTimeLimit how long a send may block before the slow client is dropped
 * @param sendBufferBytes how much may queue for a slow client before it is dropped
 * @param pingInterval how often idle sockets are pinged, to keep proxies from closing them
 * @param catchUpInterval how often sockets are checked against the event log, so events missed
 *     while Redis was away still arrive
 */
// Boxed where a variable maps in: an empty one binds as null, which takes the @DefaultValue
// (a primitive cannot be null, so it would fail to bind).
@Validated
@ConfigurationProperties("ideaforge.ws")
public record WebSocketSettings(
    @DefaultValue("false") Boolean allowTokenQuery,
    @DefaultValue("16384") @Min(256) Integer maxMessageBytes,
    @DefaultValue("5") @Min(1) Integer messagesPerSecond,
    @DefaultValue("20") @Min(1) Integer maxSocketsPerUser,
    @DefaultValue("10s") Duration sendTimeLimit,
    @DefaultValue("524288") @Min(1024) Integer sendBufferBytes,
    @DefaultValue("25s") Duration pingInterval,
    @DefaultValue("5s") Duration catchUpInterval) {}
