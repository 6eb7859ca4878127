package dev.ideaforge.model.events;

/**
 * An event that reaches a job's sockets. The JSON a client receives is the record's components plus
 * {@code kind} and the per-job {@code seq}, e.g. {@code {"kind":"status","seq":4,"jobId":...,
 * "status":"queued","message":...,"timestamp":...}}.
 */
public sealed interface JobEvent permits ChatEvent, StatusEvent, StepEvent, AppEvent {

  /** The event kind the frontend switches on: chat, status, step or app. */
  String kind();
}
