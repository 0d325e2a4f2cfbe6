print("jobbridge-transport-bench: not written yet")
