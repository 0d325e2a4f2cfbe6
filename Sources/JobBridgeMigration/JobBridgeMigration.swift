/// JobBridgeMigration moves jobs from one `JobProvider` to another: plan, apply, verify,
/// cutover and rollback. It knows providers only through `JobProvider` and their
/// descriptors.
public enum JobBridgeMigration {
    /// The version of the plan and journal formats this module writes and reads.
    public static let formatVersion = 1
}
