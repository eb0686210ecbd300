from policykg.cli import main

main()
