print("popproj")
