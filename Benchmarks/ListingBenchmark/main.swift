print("jobbridge-bench")
