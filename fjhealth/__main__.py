from fjhealth.entry import main

main()
