import Foundation
import JobBridge
import Logging
import Metrics

/// An ``JobBridge/HTTPObserver`` that logs every attempt of every request to a swift-log
/// `Logger` and records counters and timers through swift-metrics: the one line an app
/// adds to see its providers' traffic.
///
/// ```swift
/// let sync = try SyncClient(baseURL: url, credentials: credentials,
///                           observers: [HTTPLogObserver(logger: Logger(label: "jobbridge"))])
/// ```
///
/// It sees only what the core hands observers, which is redacted (credentials, secret
/// query values and secret body members replaced): the URL it logs is that redacted one,
/// and bodies are logged only when ``Options/logsBodies`` is set (redacted and cut too).
///
/// Log lines, each with the metadata `provider`, `operation`, `method`, `url`, `attempt`
/// (and `status`, `duration_ms`, `error_code`, `outcome`, `delay_ms` where they apply):
/// - a request sent: ``Options/requestLevel`` (`debug`);
/// - an answer: ``Options/responseLevel`` (`info`) for 1xx–3xx, `warning` for 4xx and 5xx;
/// - no answer: `error`; a retry about to wait: `notice`.
///
/// Metrics (dimensions `provider`, `operation`, `method`, and `status` for answers):
/// - counter `<prefix>_requests_total`: answers, by status;
/// - timer `<prefix>_request_duration`: time of each attempt that got an answer, by status class;
/// - counter `<prefix>_failures_total`: attempts without an answer, with `code`;
/// - counter `<prefix>_retries_total`: waits before another attempt.
public struct HTTPLogObserver: HTTPObserver {
    /// What is logged and recorded.
    public struct Options: Sendable {
        /// The level of the line for a request sent (default `debug`).
        public var requestLevel: Logger.Level
        /// The level of the line for a successful or redirected answer (default `info`).
        public var responseLevel: Logger.Level
        /// Whether the redacted, cut bodies are added to the metadata (`request_body`,
        /// `response_body`); off by default.
        public var logsBodies: Bool
        /// Whether metrics are recorded (default `true`).
        public var recordsMetrics: Bool
        /// The prefix of the metric labels (default `jobbridge_http`).
        public var metricPrefix: String

        /// Creates options; every parameter has a default.
        public init(
            requestLevel: Logger.Level = .debug, responseLevel: Logger.Level = .info, logsBodies: Bool = false,
            recordsMetrics: Bool = true, metricPrefix: String = "jobbridge_http"
        ) {
            self.requestLevel = requestLevel
            self.responseLevel = responseLevel
            self.logsBodies = logsBodies
            self.recordsMetrics = recordsMetrics
            self.metricPrefix = metricPrefix
        }
    }

    /// Where lines go.
    public let logger: Logger
    /// What is logged and recorded.
    public let options: Options
    /// The factory metrics are made by; `nil` uses the process's `MetricsSystem.factory`
    /// at each event (so an app may bootstrap metrics after making the observer).
    public let metricsFactory: (any MetricsFactory)?

    /// Logs to `logger` and records metrics through `metricsFactory` (by default the
    /// process's `MetricsSystem`).
    public init(logger: Logger, options: Options = Options(), metricsFactory: (any MetricsFactory)? = nil) {
        self.logger = logger
        self.options = options
        self.metricsFactory = metricsFactory
    }

    /// Logs to a `Logger` with this label (default `jobbridge.http`).
    public init(label: String = "jobbridge.http", options: Options = Options()) {
        self.init(logger: Logger(label: label), options: options)
    }

    /// Logs the event and records its metrics.
    public func observe(_ event: HTTPEvent) {
        let request = event.request
        var metadata = Self.metadata(request)
        switch event {
        case .requestSent:
            if options.logsBodies, let body = request.body { metadata["request_body"] = .string(body) }
            logger.log(level: options.requestLevel, "request sent", metadata: metadata)
        case .responseReceived(_, let response):
            metadata["status"] = .string(String(response.status))
            metadata["duration_ms"] = .string(Self.milliseconds(response.duration))
            if options.logsBodies { metadata["response_body"] = .string(response.body) }
            let level: Logger.Level = response.status >= 400 ? .warning : options.responseLevel
            logger.log(level: level, "answer received", metadata: metadata)
            guard options.recordsMetrics else { return }
            let factory = metricsFactory ?? MetricsSystem.factory
            let dimensions = Self.dimensions(request) + [("status", String(response.status))]
            Counter(label: "\(options.metricPrefix)_requests_total", dimensions: dimensions, factory: factory)
                .increment()
            Metrics.Timer(
                label: "\(options.metricPrefix)_request_duration",
                dimensions: Self.dimensions(request) + [("status_class", "\(response.status / 100)xx")],
                factory: factory
            ).recordNanoseconds(Self.nanoseconds(response.duration))
        case .failed(_, let error, let duration):
            metadata["error_code"] = .string(error.code.rawValue)
            metadata["outcome"] = .string(error.outcome.rawValue)
            metadata["duration_ms"] = .string(Self.milliseconds(duration))
            logger.error("no answer: \(error.message)", metadata: metadata)
            guard options.recordsMetrics else { return }
            Counter(
                label: "\(options.metricPrefix)_failures_total",
                dimensions: Self.dimensions(request) + [("code", error.code.rawValue)],
                factory: metricsFactory ?? MetricsSystem.factory
            ).increment()
        case .retrying(_, let delay):
            metadata["delay_ms"] = .string(Self.milliseconds(delay))
            logger.notice("retrying", metadata: metadata)
            guard options.recordsMetrics else { return }
            Counter(
                label: "\(options.metricPrefix)_retries_total", dimensions: Self.dimensions(request),
                factory: metricsFactory ?? MetricsSystem.factory
            ).increment()
        }
    }

    static func metadata(_ request: ObservedRequest) -> Logger.Metadata {
        [
            "provider": .string(request.provider), "operation": .string(request.operation?.rawValue ?? "-"),
            "method": .string(request.method.rawValue), "url": .string(request.url),
            "attempt": .string(String(request.attempt)),
        ]
    }

    static func dimensions(_ request: ObservedRequest) -> [(String, String)] {
        [
            ("provider", request.provider), ("operation", request.operation?.rawValue ?? "-"),
            ("method", request.method.rawValue),
        ]
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds.multipliedReportingOverflow(by: 1_000_000_000).partialValue + attoseconds / 1_000_000_000
    }

    static func milliseconds(_ duration: Duration) -> String {
        String(format: "%.3f", Double(nanoseconds(duration)) / 1_000_000)
    }
}
