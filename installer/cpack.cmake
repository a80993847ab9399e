# Packages (docs/packaging.md): a .deb on Linux (cpack -G DEB, checked by installer/deb-check.sh), an NSIS installer
# on Windows, a DragNDrop .dmg on macOS. Included once, at the end of the top-level CMakeLists.txt.
set(CLOCKOUT_INSTALLER_DIR ${CMAKE_CURRENT_LIST_DIR})
if(CLOCKOUT_CORE_ONLY)  # the Windows cross build has no program to package
    return()
endif()

set(CLOCKOUT_ASSETS_DIR ${PROJECT_SOURCE_DIR}/assets)

set(CPACK_PACKAGE_NAME clockout)
set(CPACK_PACKAGE_VENDOR "Clockout team")
set(CPACK_PACKAGE_CONTACT "Clockout team <team@clockout.invalid>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "private tray agent for the right to disconnect")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGE_INSTALL_DIRECTORY Clockout)
set(CPACK_STRIP_FILES ON)
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE
                                                WORLD_READ WORLD_EXECUTE)

if(UNIX AND NOT APPLE)
    # Where an employer's charter goes (DESIGN.md section 3); absolute, since /etc is not under the /usr prefix.
    set(CLOCKOUT_SYSCONF_DIR /etc CACHE PATH "Where xdg/clockout/defaults.toml is installed")

    install(FILES ${CLOCKOUT_ASSETS_DIR}/org.clockout.Clockout.desktop DESTINATION share/applications)
    install(FILES ${CLOCKOUT_ASSETS_DIR}/org.clockout.Clockout.metainfo.xml DESTINATION share/metainfo)
    install(FILES ${CLOCKOUT_ASSETS_DIR}/defaults.toml DESTINATION ${CLOCKOUT_SYSCONF_DIR}/xdg/clockout)

    # Icons: the SVG, and PNGs rendered from it at build time for menus and docks that want bitmaps.
    set(icon_svg ${CLOCKOUT_ASSETS_DIR}/icons/org.clockout.Clockout.svg)
    install(FILES ${icon_svg} DESTINATION share/icons/hicolor/scalable/apps)
    find_program(CLOCKOUT_RSVG_CONVERT rsvg-convert)
    if(CLOCKOUT_RSVG_CONVERT)
        set(icon_pngs)
        foreach(size 16 24 32 48 64 128 256)
            set(png ${CMAKE_BINARY_DIR}/icons/${size}x${size}/org.clockout.Clockout.png)
            add_custom_command(
                OUTPUT ${png}
                COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/icons/${size}x${size}
                COMMAND ${CLOCKOUT_RSVG_CONVERT} -w ${size} -h ${size} -o ${png} ${icon_svg}
                DEPENDS ${icon_svg}
                COMMENT "rsvg-convert: the ${size} px app icon")
            list(APPEND icon_pngs ${png})
            install(FILES ${png} DESTINATION share/icons/hicolor/${size}x${size}/apps)
        endforeach()
        add_custom_target(clockout_icons ALL DEPENDS ${icon_pngs})
    else()
        message(WARNING "rsvg-convert not found (Debian: librsvg2-bin): the package will have the SVG icon only")
    endif()

    # The French catalog for the GUI's wxLocale (the CLI also carries it compiled in, agent/CMakeLists.txt). The UI
    # compiles it into its build folder (target clockout_catalogs, agent/ui/CMakeLists.txt); without the UI, here.
    if(TARGET clockout_catalogs)
        set(mo ${PROJECT_BINARY_DIR}/agent/ui/locale/fr/LC_MESSAGES/clockout.mo)
    else()
        find_program(CLOCKOUT_MSGFMT msgfmt REQUIRED)
        set(mo ${CMAKE_BINARY_DIR}/locale/fr/LC_MESSAGES/clockout.mo)
        add_custom_command(
            OUTPUT ${mo}
            COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/locale/fr/LC_MESSAGES
            COMMAND ${CLOCKOUT_MSGFMT} --check -o ${mo} ${CLOCKOUT_ASSETS_DIR}/po/fr.po
            DEPENDS ${CLOCKOUT_ASSETS_DIR}/po/fr.po
            COMMENT "msgfmt: the French catalog")
        add_custom_target(clockout_catalogs ALL DEPENDS ${mo})
    endif()
    install(FILES ${mo} DESTINATION share/locale/fr/LC_MESSAGES)

    # Debian wants the man page and the changelog compressed with gzip -9n (no name, no time stamp).
    find_program(CLOCKOUT_GZIP gzip REQUIRED)
    set(man_gz ${CMAKE_BINARY_DIR}/man/clockout.1.gz)
    set(changelog_gz ${CMAKE_BINARY_DIR}/doc/changelog.gz)
    add_custom_command(
        OUTPUT ${man_gz} ${changelog_gz}
        COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/man ${CMAKE_BINARY_DIR}/doc
        COMMAND ${CLOCKOUT_GZIP} -9n -c ${CLOCKOUT_INSTALLER_DIR}/deb/clockout.1 > ${man_gz}
        COMMAND ${CLOCKOUT_GZIP} -9n -c ${CLOCKOUT_INSTALLER_DIR}/deb/changelog > ${changelog_gz}
        DEPENDS ${CLOCKOUT_INSTALLER_DIR}/deb/clockout.1 ${CLOCKOUT_INSTALLER_DIR}/deb/changelog
        COMMENT "gzip: the man page and the changelog")
    add_custom_target(clockout_deb_docs ALL DEPENDS ${man_gz} ${changelog_gz})
    install(FILES ${man_gz} DESTINATION share/man/man1)
    install(FILES ${CLOCKOUT_INSTALLER_DIR}/deb/copyright ${changelog_gz} DESTINATION share/doc/clockout)

    set(CPACK_GENERATOR DEB)
    set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
    set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
    set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
    set(CPACK_DEBIAN_PACKAGE_SECTION utils)
    set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
    set(CPACK_DEBIAN_PACKAGE_MAINTAINER "Clockout team <team@clockout.invalid>")
    # CPack writes CPACK_PACKAGE_DESCRIPTION_SUMMARY as the synopsis line; this is the extended description.
    set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
        "Clockout watches input idleness, screen lock and sleep against your own
working windows, nudges you kindly at the end of your day, respects your
quiet hours, rest days and leave, and keeps a local journal of your working
days with a weekly summary set against the legal benchmarks.
.
Nothing leaves the computer: no account, no server, no telemetry. Removing
the package never deletes a user's journal; 'clockout purge --all' does.")
    # The charter is a conffile: an administrator's edits survive upgrades, and a purge removes it.
    set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${CLOCKOUT_INSTALLER_DIR}/deb/conffiles)
    set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
elseif(WIN32)
    # NSIS (docs/packaging.md). The installer's own commands live in the project config file that cpack reads when
    # it runs, so NSIS code there needs one level of escaping, not two.
    install(FILES ${CLOCKOUT_INSTALLER_DIR}/windows/start-at-login.txt DESTINATION . COMPONENT autostart)
    set(CPACK_GENERATOR NSIS)
    set(CPACK_COMPONENTS_ALL Unspecified autostart)
    set(CPACK_COMPONENT_UNSPECIFIED_DISPLAY_NAME "Clockout")
    set(CPACK_COMPONENT_UNSPECIFIED_REQUIRED ON)
    set(CPACK_COMPONENT_AUTOSTART_DISPLAY_NAME "Start at login")
    set(CPACK_COMPONENT_AUTOSTART_DESCRIPTION "Start Clockout when you log in to Windows (you can change it later)")
    set(CPACK_PROJECT_CONFIG_FILE ${CLOCKOUT_INSTALLER_DIR}/windows/nsis_config.cmake)
elseif(APPLE)
    # The app bundle and its DragNDrop image (docs/packaging.md). The plist is configured at generate time from these
    # target properties; agent/CMakeLists.txt must still install the target with a BUNDLE DESTINATION.
    set_target_properties(clockout PROPERTIES
        MACOSX_BUNDLE ON
        OUTPUT_NAME Clockout
        MACOSX_BUNDLE_INFO_PLIST ${CLOCKOUT_INSTALLER_DIR}/macos/Info.plist.in
        MACOSX_BUNDLE_BUNDLE_NAME Clockout
        MACOSX_BUNDLE_GUI_IDENTIFIER ${CLOCKOUT_APP_ID}
        MACOSX_BUNDLE_BUNDLE_VERSION ${PROJECT_VERSION}
        MACOSX_BUNDLE_SHORT_VERSION_STRING ${PROJECT_VERSION}
        MACOSX_BUNDLE_ICON_FILE clockout.icns)
    set(CPACK_GENERATOR DragNDrop)
    set(CPACK_DMG_VOLUME_NAME Clockout)
    set(CPACK_DMG_FORMAT UDZO)
    set(CPACK_PACKAGE_FILE_NAME Clockout-${PROJECT_VERSION})
    set(CPACK_DMG_SLA_USE_RESOURCE_FILE_LICENSE OFF)
endif()

include(CPack)
