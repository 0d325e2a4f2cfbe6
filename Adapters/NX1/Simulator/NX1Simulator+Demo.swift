import Foundation
import JobBridge
import JobBridgeSimulation

extension NX1Simulator {
    /// A simulator seeded with a few realistic jobs for demos: three Airflow pipelines and
    /// a mirror, with Airflow cron, a preset and no schedule; one job completed a run an
    /// hour before the clock's current date, one failed yesterday, and one deleted job
    /// that NX1 still lists with `is_deleted: true`. Tenant `acme`, the configuration's
    /// default credentials.
    public static func demo(clock: SimulatedClock, configuration: Configuration = Configuration()) async
        -> NX1Simulator
    {
        let simulator = NX1Simulator(configuration: configuration, clock: clock)
        let now = clock.date
        func date(_ offset: TimeInterval) -> JSONValue {
            .string(NX1SimulatorWire.date(now.addingTimeInterval(offset)))
        }
        let jobs: [JSONValue] = [
            [
                "id": "6f1c2a3e-8d4b-4c7a-9e1f-2b3c4d5e6f70", "job_name": "Ingest S3 landing to lakehouse",
                "job_type": "airflow.ingest", "source": "s3://acme-landing/orders/",
                "destination": "lakehouse.raw.orders",
                "schedule": "@daily", "properties_json": "{\"file_format\":\"parquet\",\"retries\":2}",
                "owner_id": "data-platform", "status": "completed", "status_message": "42 files loaded",
                "created_at": date(-30 * 86_400), "last_started_at": date(-3_600 - 420),
                "last_completed_at": date(-3_600), "last_failed_at": .null, "is_deleted": false, "deleted_at": .null,
            ],
            [
                "id": "a7d9e0b1-2c3d-4e5f-8a9b-0c1d2e3f4a5b", "job_name": "Classify support tickets",
                "job_type": "airflow.nlp", "source": "postgres://support/tickets",
                "destination": "lakehouse.nlp.ticket_topics",
                "schedule": "0 */6 * * *", "properties_json": "{\"model\":\"topic-v3\"}",
                "owner_id": "support-analytics",
                "status": "failed", "status_message": "model endpoint timed out",
                "created_at": date(-12 * 86_400), "last_started_at": date(-86_400 - 300),
                "last_completed_at": date(-2 * 86_400), "last_failed_at": date(-86_400), "is_deleted": false,
                "deleted_at": .null,
            ],
            [
                "id": "0b8e7f6a-5d4c-4b3a-8f2e-1d0c9b8a7f6e", "job_name": "Mirror orders to analytics",
                "job_type": "mirror", "source": "oracle://erp/ORDERS", "destination": "lakehouse.mirror.orders",
                "schedule": .null, "properties_json": .null, "owner_id": "data-platform", "status": "new",
                "status_message": .null, "created_at": date(-2 * 86_400), "last_started_at": .null,
                "last_completed_at": .null, "last_failed_at": .null, "is_deleted": false, "deleted_at": .null,
            ],
            [
                "id": "c3b2a190-8f7e-4d6c-9b5a-4f3e2d1c0b9a", "job_name": "Nightly dbt models",
                "job_type": "airflow.dataeng", "source": "lakehouse.raw", "destination": "lakehouse.marts",
                "schedule": "30 2 * * *", "properties_json": "{\"dbt_target\":\"prod\",\"threads\":8}",
                "owner_id": "analytics-eng", "status": "new", "status_message": .null,
                "created_at": date(-5 * 86_400), "last_started_at": .null, "last_completed_at": .null,
                "last_failed_at": .null, "is_deleted": false, "deleted_at": .null,
            ],
            [
                "id": "d4e5f6a7-b8c9-4d0e-8f1a-2b3c4d5e6f7a", "job_name": "Legacy FTP import",
                "job_type": "airflow.ingest", "source": "ftp://legacy/exports", "destination": "lakehouse.raw.legacy",
                "schedule": "0 3 * * *", "properties_json": .null, "owner_id": "data-platform", "status": "completed",
                "status_message": .null, "created_at": date(-90 * 86_400), "last_started_at": .null,
                "last_completed_at": .null, "last_failed_at": .null, "is_deleted": true,
                "deleted_at": date(-7 * 86_400),
            ],
        ]
        for job in jobs { await simulator.insert(rawJob: job) }
        return simulator
    }
}
