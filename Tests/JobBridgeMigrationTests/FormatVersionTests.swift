import JobBridgeMigration
import Testing

@Suite struct FormatVersionTests {
    @Test func theFormatVersionIsOne() {
        #expect(JobBridgeMigration.formatVersion == 1)
    }
}
