print("jobbridge-demo")
