// The baseline of the tray footprint bench (tests/gui/bench_tray_states.sh): a wx app that shows one tray icon and
// does nothing else, so Clockout's idle figures can be read against what wxWidgets on GTK costs by itself.
#include <iostream>

#include <wx/app.h>
#include <wx/artprov.h>
#include <wx/taskbar.h>

class BareTrayApp final : public wxApp {
  public:
    bool OnInit() override {
        icon_ = new wxTaskBarIcon;
        icon_->SetIcon(wxArtProvider::GetIcon(wxART_INFORMATION, wxART_OTHER, wxSize(22, 22)), "bare");
        std::cout << "tray icon shown (bare wx)" << std::endl;
        return true;
    }
    int OnExit() override {
        icon_->RemoveIcon();
        delete icon_;
        return wxApp::OnExit();
    }

  private:
    wxTaskBarIcon* icon_ = nullptr;
};

wxIMPLEMENT_APP(BareTrayApp);
