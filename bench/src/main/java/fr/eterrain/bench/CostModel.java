package fr.eterrain.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * What one newsletter campaign costs in AWS, from measured capacity units and handler times and public list prices.
 * Prices are US East (N. Virginia) list prices in USD, as published for 2026; Europe (Paris), where HQ deploys,
 * lists DynamoDB and Lambda a little higher — change them here.
 */
final class CostModel {
    // Public list prices (USD).
    static final double SES_PER_EMAIL = 0.10 / 1_000;
    static final double DYNAMO_PER_WRITE_UNIT = 0.625 / 1_000_000; // on-demand write request unit
    static final double DYNAMO_PER_READ_UNIT = 0.125 / 1_000_000;  // on-demand read request unit
    static final double LAMBDA_PER_GB_SECOND = 0.0000133334;        // arm64
    static final double LAMBDA_PER_REQUEST = 0.20 / 1_000_000;
    static final double HTTP_API_PER_REQUEST = 1.00 / 1_000_000;
    static final double EVENTBRIDGE_PER_EVENT = 1.00 / 1_000_000;   // events forwarded to the stage bus

    // Assumed audience behaviour (not measured): a typical political newsletter.
    static final double UNIQUE_OPEN_RATE = 0.35;
    static final double OPENS_PER_OPENER = 1.6;
    static final double UNIQUE_CLICK_RATE = 0.04;
    static final double CLICKS_PER_CLICKER = 1.3;
    static final int SES_EVENTS_PER_EMAIL = 2; // Send and Delivery

    /** Measured inputs: capacity units per unit of work and handler times. */
    record Inputs(double writesPerRecipient, double readsPerRecipient,
                  double writesPerSesEvent, double readsPerSesEvent,
                  double writesPerFirstOpen, double readsPerFirstOpen, double writesPerRepeatOpen, double readsPerRepeatOpen,
                  double writesPerFirstClick, double readsPerFirstClick, double writesPerRepeatClick, double readsPerRepeatClick,
                  double dispatchSecondsPerRecipient, int dispatcherMemoryMb,
                  double pixelMillis, double redirectMillis, int trackingMemoryMb,
                  double feedbackMillis, int feedbackMemoryMb) {
    }

    record Line(String item, String quantity, double usd) {
    }

    static List<Line> campaign(long recipients, Inputs in) {
        List<Line> lines = new ArrayList<>();
        double openers = recipients * UNIQUE_OPEN_RATE;
        double repeatOpens = openers * (OPENS_PER_OPENER - 1);
        double clickers = recipients * UNIQUE_CLICK_RATE;
        double repeatClicks = clickers * (CLICKS_PER_CLICKER - 1);
        double sesEvents = (double) recipients * SES_EVENTS_PER_EMAIL;

        lines.add(new Line("SES emails", fmt(recipients) + " × $0.10/1000", recipients * SES_PER_EMAIL));
        lines.add(dynamo("DynamoDB, dispatch", recipients * in.writesPerRecipient, recipients * in.readsPerRecipient));
        lines.add(dynamo("DynamoDB, SES events (Send, Delivery)", sesEvents * in.writesPerSesEvent, sesEvents * in.readsPerSesEvent));
        lines.add(dynamo("DynamoDB, opens", openers * in.writesPerFirstOpen + repeatOpens * in.writesPerRepeatOpen,
                openers * in.readsPerFirstOpen + repeatOpens * in.readsPerRepeatOpen));
        lines.add(dynamo("DynamoDB, clicks", clickers * in.writesPerFirstClick + repeatClicks * in.writesPerRepeatClick,
                clickers * in.readsPerFirstClick + repeatClicks * in.readsPerRepeatClick));
        double dispatchGbSeconds = recipients * in.dispatchSecondsPerRecipient * in.dispatcherMemoryMb / 1024.0;
        lines.add(new Line("Lambda, dispatcher", fmt(dispatchGbSeconds) + " GB-s", dispatchGbSeconds * LAMBDA_PER_GB_SECOND));
        double hits = openers * OPENS_PER_OPENER + clickers * CLICKS_PER_CLICKER;
        double trackingGbSeconds = (openers * OPENS_PER_OPENER * billedMillis(in.pixelMillis)
                + clickers * CLICKS_PER_CLICKER * billedMillis(in.redirectMillis)) / 1000 * in.trackingMemoryMb / 1024.0;
        lines.add(new Line("Lambda, pixel and redirect", fmt(hits) + " calls, " + fmt(trackingGbSeconds) + " GB-s",
                hits * LAMBDA_PER_REQUEST + trackingGbSeconds * LAMBDA_PER_GB_SECOND));
        lines.add(new Line("API Gateway (HTTP API), pixel and redirect", fmt(hits) + " requests", hits * HTTP_API_PER_REQUEST));
        double feedbackGbSeconds = sesEvents * billedMillis(in.feedbackMillis) / 1000 * in.feedbackMemoryMb / 1024.0;
        lines.add(new Line("EventBridge and Lambda, SES events", fmt(sesEvents) + " events, " + fmt(feedbackGbSeconds) + " GB-s",
                sesEvents * (EVENTBRIDGE_PER_EVENT + LAMBDA_PER_REQUEST) + feedbackGbSeconds * LAMBDA_PER_GB_SECOND));
        return lines;
    }

    static double total(List<Line> lines) {
        return lines.stream().mapToDouble(Line::usd).sum();
    }

    /** Lambda bills duration rounded up to the millisecond. */
    static double billedMillis(double millis) {
        return Math.ceil(millis);
    }

    private static Line dynamo(String item, double writeUnits, double readUnits) {
        return new Line(item, fmt(writeUnits) + " WRU + " + fmt(readUnits) + " RRU",
                writeUnits * DYNAMO_PER_WRITE_UNIT + readUnits * DYNAMO_PER_READ_UNIT);
    }

    private static String fmt(double v) {
        return Report.format(v);
    }
}
