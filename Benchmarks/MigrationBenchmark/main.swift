// jobbridge-migration-bench: to be written with the migration engine (issue #12).
print("jobbridge-migration-bench: not written yet")
