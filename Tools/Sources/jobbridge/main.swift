import JobBridgeCLI

print("jobbridge: not written yet")
