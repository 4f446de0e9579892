print("riskmap")
